package io.policyledger.app.api.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.policyledger.app.api.openapi.OpenApiDocuments;
import io.policyledger.app.api.registry.ApiResource;
import io.policyledger.app.api.registry.ApiResources;
import io.policyledger.app.api.registry.GroupVersion;
import io.policyledger.testing.GoldenFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The discovery and OpenAPI documents kubectl reads, compared with reviewed copies under
 * {@code src/test/resources/golden}: a change to the registry shows up as a diff of what clients see.
 * After an intended change, regenerate them with {@code -Dgolden.update=true} and review the diff.
 */
class ApiDescriptionGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @Test
    void discoveryDocumentsAreTheReviewedOnes() throws IOException {
        compare("discovery/api.json", DiscoveryDocuments.coreVersions("localhost:8080"));
        compare("discovery/apis.json", DiscoveryDocuments.groups());
        for (GroupVersion gv : ApiResources.groupVersions()) {
            compare(
                    "discovery/" + gv.apiVersion().replace('/', '_') + ".json",
                    DiscoveryDocuments.resources(gv).orElseThrow());
        }
    }

    @Test
    void openApiDocumentsAreTheReviewedOnes() throws IOException {
        OpenApiDocuments documents = new OpenApiDocuments();
        for (GroupVersion gv : ApiResources.groupVersions()) {
            compare(
                    "openapi/" + gv.apiVersion().replace('/', '_') + ".json",
                    JSON.readTree(documents.document(gv.path().substring(1)).orElseThrow()));
        }
    }

    @Test
    void everyPatchOperationOffersFieldValidationSoKubectlValidatesOnTheServer() throws IOException {
        OpenApiDocuments documents = new OpenApiDocuments();
        for (GroupVersion gv : ApiResources.groupVersions()) {
            JsonNode doc =
                    JSON.readTree(documents.document(gv.path().substring(1)).orElseThrow());
            for (ApiResource r : ApiResources.in(gv)) {
                List<JsonNode> patches = new ArrayList<>();
                doc.path("paths").forEach(path -> {
                    JsonNode op = path.path("patch");
                    if (r.kind()
                            .equals(op.at("/x-kubernetes-group-version-kind/kind")
                                    .asText())) {
                        patches.add(op);
                    }
                });
                assertThat(patches.isEmpty()).as(r.plural()).isEqualTo(!r.allows("patch"));
                for (JsonNode op : patches) {
                    assertThat(op.path("parameters").findValuesAsText("name"))
                            .as(r.plural())
                            .contains("fieldValidation");
                }
            }
        }
    }

    @Test
    void everyKindHasASchemaKubectlExplainCanFindByItsGroupVersionKind() throws IOException {
        OpenApiDocuments documents = new OpenApiDocuments();
        for (ApiResource r : ApiResources.all()) {
            JsonNode doc = JSON.readTree(
                    documents.document(r.groupVersion().path().substring(1)).orElseThrow());
            boolean found = false;
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            doc.at("/components/schemas").fields();
                    it.hasNext(); ) {
                for (JsonNode gvk : it.next().getValue().path("x-kubernetes-group-version-kind")) {
                    found |= gvk.path("kind").asText().equals(r.kind())
                            && gvk.path("group").asText().equals(r.group());
                }
            }
            assertThat(found).as(r.qualifiedName()).isTrue();
        }
        JsonNode networking =
                JSON.readTree(documents.document("apis/networking.k8s.io/v1").orElseThrow());
        assertThat(networking
                        .at(
                                "/components/schemas/io.policyledger.core.networkpolicy.NetworkPolicySpec/properties/ingress/description")
                        .asText())
                .contains("Incoming traffic");
    }

    private static void compare(String name, JsonNode actual) throws IOException {
        GoldenFile.assertMatches(
                GOLDEN.resolve(name), JSON.writeValueAsString(JSON.treeToValue(actual, Object.class)) + "\n");
    }
}
