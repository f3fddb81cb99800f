package io.policyledger.app.security;

import static io.policyledger.app.testing.Bodies.namespaceOf;
import static io.policyledger.app.testing.Bodies.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.selector.LabelSelector;
import io.policyledger.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant cannot make its namespace look like someone else's to a selector: the server's own labels
 * (name, tenant) cannot be given other values, and keys the platform protects can only be set by the
 * platform. So a policy of tenant A that admits namespaces by a protected key, or by tenant, admits
 * none of tenant B's namespaces however B labels them.
 *
 * <p>"Admits" is judged twice: by matching the policy's own namespaceSelector against every stored
 * namespace's labels, and end to end by connectivity checks answered from the engine's rules.
 */
class LabelSpoofingIT {

    private static RunningApp app;
    private static ApiClient platform;
    private static ApiClient tenantA;
    private static ApiClient tenantB;
    private static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void world() {
        app = RunningApp.start(TestDatabase.createDatabase());
        platform = app.api();
        platform.post("/apis/policyledger.io/v1/tenants", tenant("tenant-b"));
        platform.post("/apis/policyledger.io/v1/tenants", tenant("infra"));
        assertThat(platform.post(
                                "/apis/policyledger.io/v1/clustersettings",
                                "{\"metadata\":{\"name\":\"default\"},"
                                        + "\"spec\":{\"protectedLabelKeys\":[\"platform.example/zone\"],\"reservedNamespaceNames\":"
                                        + "[\"ingress\",\"kube-*\"]}}")
                        .status())
                .isEqualTo(201);
        assertThat(platform.post(
                                "/api/v1/namespaces",
                                namespaceOf(
                                        "infra", "ingress", "{\"platform.example/zone\":\"dmz\",\"team\":\"edge\"}"))
                        .status())
                .isEqualTo(201);
        tenantA = platform.as(Credentials.mint(app, "tenant-a", "tenant-admin", "alice", null));
        tenantB = platform.as(Credentials.mint(app, "tenant-b", "tenant-admin", "bob", null));
        assertThat(tenantA.post(
                                "/api/v1/namespaces",
                                "{\"metadata\":{\"name\":\"a-app\",\"labels\":{\"team\":\"edge\"}}}")
                        .status())
                .isEqualTo(201);
        assertThat(tenantB.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"b-app\"}}")
                        .status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aTenantCannotCopyAProtectedLabelOntoItsNamespace() {
        long events = app.eventCount();

        Response relabel = tenantB.patch(
                "/api/v1/namespaces/b-app",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"platform.example/zone\":\"dmz\",\"team\":\"edge\"}}}");
        Response create = tenantB.post(
                "/api/v1/namespaces",
                "{\"metadata\":{\"name\":\"b-fake-ingress\",\"labels\":{\"platform.example/zone\":\"dmz\"}}}");

        assertThat(relabel.status()).isEqualTo(403);
        assertThat(relabel.text("/reason")).isEqualTo("Forbidden");
        assertThat(relabel.text("/message")).contains("platform.example/zone is protected");
        assertThat(create.status()).isEqualTo(403);
        assertThat(app.eventCount()).isEqualTo(events);
    }

    @Test
    void aTenantCannotTakeANameThePlatformReserved() {
        long events = app.eventCount();

        Response exact = tenantB.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"ingress\"}}");
        Response prefixed = tenantB.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"kube-system\"}}");

        // "ingress" exists (the platform's), so its answer is the usual one for a taken name.
        assertThat(exact.status()).isEqualTo(409);
        assertThat(prefixed.status()).isEqualTo(403);
        assertThat(prefixed.text("/message")).contains("reserved by the platform");
        assertThat(app.eventCount()).isEqualTo(events);
        Response platformMade = platform.post("/api/v1/namespaces", namespaceOf("infra", "kube-dns", "{}"));
        assertThat(platformMade.status()).isEqualTo(201);
        assertThat(platform.delete("/api/v1/namespaces/kube-dns").status()).isEqualTo(200);
    }

    @Test
    void aRuleCannotComeIntoForceOverWhatATenantAlreadyMade() {
        assertThat(tenantB.post(
                                "/api/v1/namespaces",
                                "{\"metadata\":{\"name\":\"b-early\",\"labels\":"
                                        + "{\"platform.example/tier\":\"trusted\"}}}")
                        .status())
                .isEqualTo(201);
        Response current = platform.get("/apis/policyledger.io/v1/clustersettings/default");
        long events = app.eventCount();

        Response protectKey = platform.put(
                "/apis/policyledger.io/v1/clustersettings/default",
                "{\"metadata\":"
                        + "{\"name\":\"default\"},\"spec\":{\"protectedLabelKeys\":[\"platform.example/tier\","
                        + "\"platform.example/zone\"],\"reservedNamespaceNames\":[\"ingress\",\"kube-*\"]}}");
        Response reserveName = platform.put(
                "/apis/policyledger.io/v1/clustersettings/default",
                "{\"metadata\":"
                        + "{\"name\":\"default\"},\"spec\":{\"protectedLabelKeys\":[\"platform.example/zone\"],"
                        + "\"reservedNamespaceNames\":[\"b-*\",\"ingress\",\"kube-*\"]}}");

        assertThat(protectKey.status()).as(protectKey.toString()).isEqualTo(409);
        assertThat(protectKey.text("/message")).contains("namespaces/b-early");
        assertThat(reserveName.status()).as(reserveName.toString()).isEqualTo(409);
        assertThat(reserveName.text("/message")).contains("namespaces/b-app").contains("namespaces/b-early");
        assertThat(app.eventCount()).isEqualTo(events);
        assertThat(platform.get("/apis/policyledger.io/v1/clustersettings/default")
                        .json()
                        .get("spec"))
                .isEqualTo(current.json().get("spec"));
        // Nothing half-applied: the key is still free to set, and b- names still free to take.
        assertThat(tenantB.patch(
                                "/api/v1/namespaces/b-early",
                                "application/merge-patch+json",
                                "{\"metadata\":{\"labels\":{\"platform.example/tier\":null}}}")
                        .status())
                .isEqualTo(200);
        assertThat(tenantB.delete("/api/v1/namespaces/b-early").status()).isEqualTo(200);
    }

    @Test
    void aTenantCannotLabelItsPodsWithAProtectedKeyEither() {
        Response pod = tenantB.post(
                "/api/v1/namespaces/b-app/pods",
                "{\"metadata\":{\"name\":\"p\",\"labels\":"
                        + "{\"platform.example/zone\":\"dmz\"}},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}");

        assertThat(pod.status()).isEqualTo(403);
    }

    @Test
    void theServersOwnLabelsCannotBeGivenAnotherTenantsValues() {
        Response tenantLabel = tenantB.patch(
                "/api/v1/namespaces/b-app",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"policyledger.io/tenant\":\"tenant-a\"}}}");
        Response nameLabel = tenantB.patch(
                "/api/v1/namespaces/b-app",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"kubernetes.io/metadata.name\":\"ingress\"}}}");
        Response createAsA = tenantB.post(
                "/api/v1/namespaces",
                "{\"metadata\":{\"name\":\"b-as-a\",\"labels\":{\"policyledger.io/tenant\":\"tenant-a\"}}}");

        assertThat(tenantLabel.status()).isEqualTo(422);
        assertThat(tenantLabel.text("/details/causes/0/field")).isEqualTo("metadata.labels[policyledger.io/tenant]");
        assertThat(nameLabel.status()).isEqualTo(422);
        assertThat(createAsA.status()).isEqualTo(422);
        assertThat(tenantB.get("/api/v1/namespaces/b-app").text("/metadata/labels/policyledger.io~1tenant"))
                .isEqualTo("tenant-b");
    }

    @Test
    void onlyThePlatformChangesAProtectedLabelAndATenantCannotRemoveIt() {
        assertThat(platform.patch(
                                "/api/v1/namespaces/b-app",
                                "application/merge-patch+json",
                                "{\"metadata\":{\"labels\":{\"platform.example/zone\":\"internal\"}}}")
                        .status())
                .isEqualTo(200);

        Response removal = tenantB.patch(
                "/api/v1/namespaces/b-app",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"platform.example/zone\":null}}}");
        Response otherLabel = tenantB.patch(
                "/api/v1/namespaces/b-app",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"free\":\"yes\"}}}");

        assertThat(removal.status()).isEqualTo(403);
        assertThat(otherLabel.status()).isEqualTo(200);
        assertThat(otherLabel.text("/metadata/labels/platform.example~1zone")).isEqualTo("internal");
        assertThat(platform.patch(
                                "/api/v1/namespaces/b-app",
                                "application/merge-patch+json",
                                "{\"metadata\":{\"labels\":{\"platform.example/zone\":null}}}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aPolicyAdmittingByProtectedKeyOrByTenantAdmitsNoneOfTheSpoofersNamespaces() throws Exception {
        // B copies every label it is allowed to copy from the platform's ingress namespace.
        tenantB.patch(
                "/api/v1/namespaces/b-app",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"team\":\"edge\"}}}");
        tenantB.patch(
                "/api/v1/namespaces/b-app",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"platform.example/zone\":\"dmz\"}}}");
        Response policy = tenantA.post("/apis/networking.k8s.io/v1/namespaces/a-app/networkpolicies", """
                {"metadata":{"name":"from-ingress-and-own-tenant"},
                 "spec":{"podSelector":{},"ingress":[{"from":[
                   {"namespaceSelector":{"matchLabels":{"platform.example/zone":"dmz"}}},
                   {"namespaceSelector":{"matchLabels":{"policyledger.io/tenant":"tenant-a"}}}]}]}}""");
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);

        NetworkPolicySpec spec = json.treeToValue(policy.json().get("spec"), NetworkPolicySpec.class);
        List<String> admitted = new ArrayList<>();
        for (JsonNode ns : platform.get("/api/v1/namespaces").json().get("items")) {
            Map<String, String> labels = json.convertValue(ns.at("/metadata/labels"), HashMap.class);
            for (var peer : spec.ingress().get(0).from()) {
                LabelSelector selector = peer.namespaceSelector();
                if (selector.matches(labels)) {
                    admitted.add(ns.at("/metadata/name").asText());
                }
            }
        }
        assertThat(admitted).containsExactlyInAnyOrder("ingress", "a-app");

        // And end to end, through the engine's rules: pods whose addresses the platform registered.
        assertThat(platform.post("/api/v1/namespaces/ingress/pods", pod("edge", "10.50.0.1"))
                        .status())
                .isEqualTo(201);
        assertThat(platform.post("/api/v1/namespaces/a-app/pods", pod("app", "10.50.0.2"))
                        .status())
                .isEqualTo(201);
        assertThat(platform.post("/api/v1/namespaces/b-app/pods", pod("spoofer", "10.50.0.3"))
                        .status())
                .isEqualTo(201);
        assertThat(allowed("10.50.0.1", "a-app/app"))
                .as("the platform's ingress")
                .isTrue();
        assertThat(allowed("10.50.0.3", "a-app/app"))
                .as("tenant B, however it labels itself")
                .isFalse();
    }

    private static boolean allowed(String from, String to) {
        Response check = tenantA.post(
                "/apis/policyledger.io/v1/connectivitychecks",
                "{\"spec\":{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"port\":80}}");
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        return check.json().at("/status/allowed").asBoolean();
    }

    private static String pod(String name, String ip) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"nodeName\":\"n1\",\"containers\":"
                + "[{\"name\":\"c\"}]},\"status\":{\"podIP\":\"" + ip + "\"}}";
    }
}
