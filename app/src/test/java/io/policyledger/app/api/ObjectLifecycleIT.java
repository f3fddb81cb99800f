package io.policyledger.app.api;

import static io.policyledger.app.testing.Bodies.allowFrom;
import static io.policyledger.app.testing.Bodies.denyAllIngress;
import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.pod;
import static io.policyledger.app.testing.Bodies.uniqueIp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.Bodies;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Create, read, replace, patch and delete of every kind, through HTTP, against real PostgreSQL: the
 * status codes and Status objects a Kubernetes client expects, and exactly one stored event per
 * accepted change (none for a refused one).
 */
class ObjectLifecycleIT {

    private static final String NP = "/apis/networking.k8s.io/v1/namespaces/";

    private static RunningApp app;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        app = RunningApp.start(TestDatabase.createDatabase());
        api = app.api();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String createNamespace(String name) {
        Response r = api.post("/api/v1/namespaces", namespace(name, "{\"team\":\"a\"}"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.text("/metadata/resourceVersion");
    }

    @Test
    void creatingANamespaceAnswersTheStoredObjectWithServerSetMetadata() {
        Response r = api.post("/api/v1/namespaces", namespace("created", "{\"team\":\"a\"}"));

        assertThat(r.status()).isEqualTo(201);
        JsonNode meta = r.json().get("metadata");
        assertThat(r.text("/kind")).isEqualTo("Namespace");
        assertThat(r.text("/apiVersion")).isEqualTo("v1");
        assertThat(meta.get("name").asText()).isEqualTo("created");
        assertThat(meta.get("uid").asText()).matches("[0-9a-f-]{36}");
        assertThat(Long.parseLong(meta.get("resourceVersion").asText())).isPositive();
        assertThat(meta.get("creationTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(meta.get("labels").get("team").asText()).isEqualTo("a");
        assertThat(r.text("/status/phase")).isEqualTo("Active");
    }

    @Test
    void aReadRightAfterAWriteSeesTheWrite() {
        for (int i = 0; i < 20; i++) {
            String rv = createNamespace("ryw-" + i);
            Response read = api.get("/api/v1/namespaces/ryw-" + i);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.text("/metadata/resourceVersion")).isEqualTo(rv);
            Response list = api.get("/api/v1/namespaces");
            assertThat(Long.parseLong(list.text("/metadata/resourceVersion")))
                    .isGreaterThanOrEqualTo(Long.parseLong(rv));
        }
    }

    @Test
    void theResourceVersionOfAnObjectIsTheGlobalIndexOfItsLastEvent() {
        String rv = createNamespace("rv-is-index");
        Long index = app.jdbc()
                .queryForObject(
                        "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = 'namespaces/rv-is-index'",
                        Long.class);
        assertThat(rv).isEqualTo(Long.toString(index));
    }

    @Test
    void creatingAnExistingNamespaceIsAlreadyExistsAndStoresNothing() {
        createNamespace("twice");
        long events = app.eventCount();

        Response r = api.post("/api/v1/namespaces", namespace("twice", "{}"));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text("/kind")).isEqualTo("Status");
        assertThat(r.text("/status")).isEqualTo("Failure");
        assertThat(r.text("/reason")).isEqualTo("AlreadyExists");
        assertThat(r.text("/message")).isEqualTo("namespaces \"twice\" already exists");
        assertThat(r.json().get("code").asInt()).isEqualTo(409);
        assertThat(app.eventCount()).isEqualTo(events);
    }

    @Test
    void readingAMissingObjectIsNotFound() {
        createNamespace("empty");
        Response r = api.get("/api/v1/namespaces/empty/pods/ghost");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text("/reason")).isEqualTo("NotFound");
        assertThat(r.text("/message")).isEqualTo("pods \"ghost\" not found");
        assertThat(r.text("/details/name")).isEqualTo("ghost");
        assertThat(r.text("/details/kind")).isEqualTo("pods");
    }

    @Test
    void replacingWithTheCurrentResourceVersionSucceedsAndMovesIt() {
        String rv = createNamespace("replace-ok");
        long events = app.eventCount();

        Response r = api.put(
                "/api/v1/namespaces/replace-ok",
                "{\"metadata\":{\"name\":\"replace-ok\",\"resourceVersion\":\"" + rv
                        + "\",\"labels\":{\"team\":\"b\"}}}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.text("/metadata/labels/team")).isEqualTo("b");
        assertThat(Long.parseLong(r.text("/metadata/resourceVersion"))).isGreaterThan(Long.parseLong(rv));
        assertThat(app.eventCount()).isEqualTo(events + 1);
    }

    @Test
    void replacingWithAStaleResourceVersionIsAConflictAndStoresNothing() {
        String stale = createNamespace("replace-stale");
        api.put(
                "/api/v1/namespaces/replace-stale",
                "{\"metadata\":{\"name\":\"replace-stale\",\"labels\":{\"team\":\"b\"}}}");
        long events = app.eventCount();

        Response r = api.put(
                "/api/v1/namespaces/replace-stale",
                "{\"metadata\":{\"name\":\"replace-stale\",\"resourceVersion\":\"" + stale
                        + "\",\"labels\":{\"team\":\"c\"}}}");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text("/reason")).isEqualTo("Conflict");
        assertThat(r.text("/message")).contains("the object has been modified");
        assertThat(api.get("/api/v1/namespaces/replace-stale").text("/metadata/labels/team"))
                .isEqualTo("b");
        assertThat(app.eventCount()).isEqualTo(events);
    }

    @Test
    void aReplaceThatChangesNothingStoresNoEventAndKeepsTheResourceVersion() {
        String rv = createNamespace("replace-same");
        long events = app.eventCount();

        Response r = api.put(
                "/api/v1/namespaces/replace-same",
                "{\"metadata\":{\"name\":\"replace-same\",\"resourceVersion\":\"" + rv
                        + "\",\"labels\":{\"team\":\"a\"}}}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("/metadata/resourceVersion")).isEqualTo(rv);
        assertThat(app.eventCount()).isEqualTo(events);
    }

    @Test
    void aBodyNamingAnotherObjectThanTheUrlIsABadRequest() {
        createNamespace("url-name");
        Response r = api.put("/api/v1/namespaces/url-name", "{\"metadata\":{\"name\":\"other\"}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("/reason")).isEqualTo("BadRequest");
        assertThat(r.text("/message")).contains("does not match the name on the URL");
    }

    @Test
    void aMergePatchAddsChangesAndRemovesLabels() {
        api.post("/api/v1/namespaces", namespace("patched", "{\"team\":\"a\",\"tier\":\"1\"}"));
        long events = app.eventCount();

        Response r = api.patch(
                "/api/v1/namespaces/patched",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"team\":\"b\",\"tier\":null,\"env\":\"prod\"}}}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/metadata/labels"))
                .hasToString("{\"env\":\"prod\",\"kubernetes.io/metadata.name\":"
                        + "\"patched\",\"policyledger.io/tenant\":\"tenant-a\",\"team\":\"b\"}");
        assertThat(app.eventCount()).isEqualTo(events + 1);
    }

    @Test
    void aMergePatchCarryingAStaleResourceVersionIsAConflict() {
        String stale = createNamespace("patch-stale");
        api.patch(
                "/api/v1/namespaces/patch-stale",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"x\":\"1\"}}}");

        Response r = api.patch(
                "/api/v1/namespaces/patch-stale",
                "application/merge-patch+json",
                "{\"metadata\":{\"resourceVersion\":\"" + stale + "\",\"labels\":{\"x\":\"2\"}}}");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text("/reason")).isEqualTo("Conflict");
    }

    @Test
    void aJsonPatchAppliesItsOperationsAndAFailedTestStoresNothing() {
        createNamespace("json-patch");
        Response r = api.patch(
                "/api/v1/namespaces/json-patch",
                "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/a\",\"value\":\"b\"}]");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.text("/metadata/labels/a")).isEqualTo("b");
        long events = app.eventCount();

        Response failedTest = api.patch(
                "/api/v1/namespaces/json-patch",
                "application/json-patch+json",
                "[{\"op\":\"test\",\"path\":\"/metadata/labels/a\",\"value\":\"not-b\"},"
                        + "{\"op\":\"remove\",\"path\":\"/metadata/labels/a\"}]");
        assertThat(failedTest.status()).isEqualTo(422);
        assertThat(failedTest.text("/reason")).isEqualTo("Invalid");
        assertThat(app.eventCount()).isEqualTo(events);
        Response malformed = api.patch(
                "/api/v1/namespaces/json-patch",
                "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"metadata\",\"value\":1}]");
        assertThat(malformed.status()).isEqualTo(400);
        Response badApply = api.patch(
                "/api/v1/namespaces/json-patch?fieldManager=test",
                "application/apply-patch+yaml",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":\"x\"}");
        assertThat(badApply.status()).isEqualTo(400);
        Response badEntry = api.patch(
                "/api/v1/namespaces/status/pods/a?fieldManager=test",
                "application/apply-patch+yaml",
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"image\":\"no-name\"}]}}");
        assertThat(badEntry.status()).isIn(400, 404);
        assertThat(app.eventCount()).isEqualTo(events);
        assertThat(api.get("/api/v1/namespaces/json-patch").text("/metadata/labels/a"))
                .isEqualTo("b");
    }

    @Test
    void deletingAnswersASuccessStatusAndTheObjectIsGoneAtOnce() {
        createNamespace("deleted");
        String uid = api.get("/api/v1/namespaces/deleted").text("/metadata/uid");
        long events = app.eventCount();

        Response r = api.delete("/api/v1/namespaces/deleted");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("/kind")).isEqualTo("Status");
        assertThat(r.text("/status")).isEqualTo("Success");
        assertThat(r.text("/details/uid")).isEqualTo(uid);
        assertThat(api.get("/api/v1/namespaces/deleted").status()).isEqualTo(404);
        assertThat(app.eventCount()).isEqualTo(events + 1);
        assertThat(api.delete("/api/v1/namespaces/deleted").status()).isEqualTo(404);
    }

    @Test
    void aDeletionWithAStalePreconditionIsAConflict() {
        String stale = createNamespace("delete-stale");
        api.patch(
                "/api/v1/namespaces/delete-stale",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"x\":\"1\"}}}");

        Response r = api.delete(
                "/api/v1/namespaces/delete-stale",
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"resourceVersion\":\"" + stale
                        + "\"}}");

        assertThat(r.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/namespaces/delete-stale").status()).isEqualTo(200);
    }

    @Test
    void aPodWrittenInYamlIsStoredWithKubernetesDefaults() {
        createNamespace("yaml");
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-1
                  labels: {app: web}
                spec:
                  nodeName: node-1
                  containers:
                  - name: web
                    image: nginx
                    ports:
                    - {name: http, containerPort: 8080}
                status:
                  podIP: 2001:db8:0:0:0:0:0:7
                """;

        Response r = api.post("/api/v1/namespaces/yaml/pods", "application/yaml", yaml);

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.text("/metadata/namespace")).isEqualTo("yaml");
        assertThat(r.text("/spec/containers/0/ports/0/protocol")).isEqualTo("TCP");
        assertThat(r.text("/status/podIP")).isEqualTo("2001:db8::7");
        assertThat(r.text("/status/podIPs/0/ip")).isEqualTo("2001:db8::7");
        assertThat(r.json().at("/metadata/generation").asLong()).isEqualTo(1);
    }

    @Test
    void aPodInAMissingNamespaceIsNotFoundAndStoresNothing() {
        long events = app.eventCount();
        Response r = api.post("/api/v1/namespaces/missing/pods", pod("a", "{}"));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text("/message")).isEqualTo("namespaces \"missing\" not found");
        assertThat(app.eventCount()).isEqualTo(events);
    }

    @Test
    void onlyASpecChangeBumpsAPodsGeneration() {
        createNamespace("gen");
        api.post("/api/v1/namespaces/gen/pods", pod("a", "{\"app\":\"web\"}"));

        Response relabeled = api.patch(
                "/api/v1/namespaces/gen/pods/a",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"app\":\"db\"}}}");
        Response moved = api.patch(
                "/api/v1/namespaces/gen/pods/a",
                "application/merge-patch+json",
                "{\"spec\":{\"nodeName\":\"node-2\"}}");

        assertThat(relabeled.json().at("/metadata/generation").asLong()).isEqualTo(1);
        assertThat(moved.json().at("/metadata/generation").asLong()).isEqualTo(2);
        assertThat(moved.text("/spec/nodeName")).isEqualTo("node-2");
    }

    @Test
    void aNetworkPolicyIsStoredWithDefaultsAndNormalizedCidrs() {
        createNamespace("np");
        String body = """
                {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"p"},
                 "spec":{"podSelector":{"matchLabels":{"app":"web"}},
                  "ingress":[{"from":[{"ipBlock":{"cidr":"10.1.2.3/16","except":["10.1.5.9/24"]}}],
                              "ports":[{"port":"http"},{"port":8000,"endPort":8080,"protocol":"UDP"}]}],
                  "egress":[{"to":[{"namespaceSelector":{}}]}]}}""";

        Response r = api.post(NP + "np/networkpolicies", body);

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.text("/apiVersion")).isEqualTo("networking.k8s.io/v1");
        assertThat(r.text("/spec/ingress/0/from/0/ipBlock/cidr")).isEqualTo("10.1.0.0/16");
        assertThat(r.text("/spec/ingress/0/from/0/ipBlock/except/0")).isEqualTo("10.1.5.0/24");
        assertThat(r.text("/spec/ingress/0/ports/0/protocol")).isEqualTo("TCP");
        assertThat(r.text("/spec/ingress/0/ports/0/port")).isEqualTo("http");
        assertThat(r.json().at("/spec/ingress/0/ports/1/port").isInt()).isTrue();
        assertThat(r.json().at("/spec/policyTypes")).hasToString("[\"Ingress\",\"Egress\"]");
    }

    @Test
    void anInvalidPolicyIsRefusedWithOneCausePerBadFieldAndStoresNothing() {
        createNamespace("invalid");
        long events = app.eventCount();
        String body = """
                {"metadata":{"name":"p","labels":{"bad key!":"v"}},
                 "spec":{"podSelector":{"matchExpressions":[{"key":"a","operator":"Near"}]},
                  "ingress":[{"ports":[{"port":0},{"port":80,"endPort":79},{"protocol":"ICMP"}],
                              "from":[{"ipBlock":{"cidr":"10.0.0.0/8","except":["11.0.0.0/24"]}},{}]}],
                  "policyTypes":["Sideways"]}}""";

        Response r = api.post(NP + "invalid/networkpolicies", body);

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text("/reason")).isEqualTo("Invalid");
        assertThat(r.text("/details/kind")).isEqualTo("NetworkPolicy");
        assertThat(r.text("/details/group")).isEqualTo("networking.k8s.io");
        assertThat(r.text("/message")).startsWith("NetworkPolicy.networking.k8s.io \"p\" is invalid: [");
        List<String> fields = r.json().at("/details/causes").findValuesAsText("field");
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "metadata.labels",
                        "spec.podSelector.matchExpressions[0].operator",
                        "spec.ingress[0].ports[0].port",
                        "spec.ingress[0].ports[1].endPort",
                        "spec.ingress[0].ports[2].protocol",
                        "spec.ingress[0].from[0].ipBlock.except[0]",
                        "spec.ingress[0].from[1]",
                        "spec.policyTypes[0]");
        assertThat(r.json().at("/details/causes").findValuesAsText("reason"))
                .contains("FieldValueInvalid", "FieldValueNotSupported", "FieldValueRequired");
        assertThat(app.eventCount()).isEqualTo(events);
        assertThat(api.get(NP + "invalid/networkpolicies/p").status()).isEqualTo(404);
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        createNamespace("strict");
        long events = app.eventCount();
        Response r = api.post(
                NP + "strict/networkpolicies",
                "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"podSelector\":{},\"ingres\":[]}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("/message")).isEqualTo("strict decoding error: unknown field \"spec.ingres\"");
        assertThat(app.eventCount()).isEqualTo(events);
    }

    @Test
    void aDuplicateFieldIsRefused() {
        Response r = api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"dup\",\"name\":\"dup2\"}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("/message")).contains("Duplicate field 'name'");
    }

    @Test
    void malformedJsonAndWrongTypesAreBadRequests() {
        createNamespace("malformed");
        assertThat(api.post("/api/v1/namespaces", "{\"metadata\":").status()).isEqualTo(400);
        Response typed = api.post(
                NP + "malformed/networkpolicies",
                "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"ingress\":[{\"ports\":[{\"port\":true}]}]}}");
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.text("/message")).contains("spec.ingress[0].ports[0].port");
        Response floaty = api.post(
                "/api/v1/namespaces/malformed/pods",
                "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"ports\":[{\"containerPort\":80.5}]}]}}");
        assertThat(floaty.status()).isEqualTo(400);
    }

    @Test
    void aReplaceReplacesTheWholeSpec() {
        createNamespace("replace-spec");
        api.post(NP + "replace-spec/networkpolicies", allowFrom("p", "client"));

        Response r = api.put(NP + "replace-spec/networkpolicies/p", denyAllIngress("p"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/spec/ingress").isMissingNode()).isTrue();
        assertThat(r.json().at("/spec/podSelector")).hasToString("{}");
        assertThat(r.json().at("/metadata/generation").asLong()).isEqualTo(2);
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedAsTooLarge() {
        long events = app.eventCount();
        byte[] body = ("{\"metadata\":{\"name\":\"big\",\"annotations\":{\"a\":\"" + "x".repeat(1024 * 1024) + "\"}}}")
                .getBytes(StandardCharsets.UTF_8);

        Response r = api.post("/api/v1/namespaces", "application/json", body);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.text("/reason")).isEqualTo("RequestEntityTooLarge");
        assertThat(app.eventCount()).isEqualTo(events);
    }

    @Test
    void aBodyInAnotherFormatIsAnUnsupportedMediaType() {
        Response r = api.post("/api/v1/namespaces", "text/plain", "name: x");

        assertThat(r.status()).isEqualTo(415);
        assertThat(r.text("/reason")).isEqualTo("UnsupportedMediaType");
    }

    @Test
    void aBodyOfAnotherKindOrVersionIsABadRequest() {
        createNamespace("typemeta");
        Response kind = api.post(
                "/api/v1/namespaces/typemeta/pods",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"p\"}}");
        Response version = api.post(
                NP + "typemeta/networkpolicies",
                "{\"apiVersion\":\"networking.k8s.io/v2\",\"metadata\":{\"name\":\"p\"},\"spec\":{}}");

        assertThat(kind.status()).isEqualTo(400);
        assertThat(kind.text("/message")).contains("kind");
        assertThat(version.status()).isEqualTo(400);
        assertThat(version.text("/message")).contains("API version");
    }

    @Test
    void aResourceVersionOnCreateIsInvalid() {
        Response r = api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"with-rv\",\"resourceVersion\":\"5\"}}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/causes/0/field").asText()).isEqualTo("metadata.resourceVersion");
    }

    @Test
    void generateNameMakesAUniqueName() {
        String body = "{\"metadata\":{\"generateName\":\"gen-\",\"labels\":{\"policyledger.io/tenant\":\"tenant-a\"}}}";
        Response a = api.post("/api/v1/namespaces", body);
        Response b = api.post("/api/v1/namespaces", body);

        assertThat(a.status()).isEqualTo(201);
        assertThat(b.status()).isEqualTo(201);
        assertThat(a.text("/metadata/name")).matches("gen-[a-z0-9]{5}");
        assertThat(a.text("/metadata/name")).isNotEqualTo(b.text("/metadata/name"));
    }

    @Test
    void fieldValidationDecidesWhatAnUnknownFieldDoes() {
        String body = "{\"metadata\":{\"name\":\"%s\",\"labels\":{\"policyledger.io/tenant\":\"" + Bodies.DEFAULT_TENANT
                + "\"},\"colour\":\"red\"}}";
        Response strict = api.post("/api/v1/namespaces?fieldValidation=Strict", body.formatted("fv-strict"));
        assertThat(strict.status()).isEqualTo(400);
        assertThat(strict.text("/message")).contains("unknown field \"metadata.colour\"");

        Response warned = api.post("/api/v1/namespaces?fieldValidation=Warn", body.formatted("fv-warn"));
        assertThat(warned.status()).isEqualTo(201);
        assertThat(warned.headers().allValues("Warning"))
                .containsExactly("299 - \"unknown field \\\"metadata.colour\\\"\"");

        Response ignored = api.post("/api/v1/namespaces?fieldValidation=Ignore", body.formatted("fv-ignore"));
        assertThat(ignored.status()).isEqualTo(201);
        assertThat(ignored.headers().allValues("Warning")).isEmpty();

        assertThat(api.post("/api/v1/namespaces?fieldValidation=Loose", body.formatted("fv-loose"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anUnsupportedMethodIsMethodNotAllowed() {
        createNamespace("methods");
        Response r = api.post("/api/v1/namespaces/methods", "{}");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.text("/reason")).isEqualTo("MethodNotAllowed");
    }

    @Test
    void anUnknownPathIsNotFoundAsAStatus() {
        Response r = api.get("/apis/example.com/v1/widgets");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text("/kind")).isEqualTo("Status");
        assertThat(r.text("/reason")).isEqualTo("NotFound");
    }

    @Test
    void aDryRunAnswersWhatWouldBeStoredAndStoresNothing() {
        long events = app.eventCount();
        Response r = api.post("/api/v1/namespaces?dryRun=All", namespace("dry", "{}"));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.text("/metadata/labels/kubernetes.io~1metadata.name")).isEqualTo("dry");
        assertThat(r.json().at("/impact/changes")).isEmpty();
        assertThat(app.eventCount()).isEqualTo(events);
        assertThat(api.get("/api/v1/namespaces/dry").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/namespaces?dryRun=Sometimes", namespace("dry", "{}"))
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/namespaces", namespace("dry", "{}")).status())
                .as("the dry run took nothing, not even the name")
                .isEqualTo(201);
    }

    @Test
    void everyEventRecordsWhoAskedWhenAndWithWhichRequestId() {
        Response r = api.send(HttpRequest.newBuilder(api.uri("/api/v1/namespaces"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "req-attribution-1")
                .POST(HttpRequest.BodyPublishers.ofString(namespace("attributed", "{}"))));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.headers().firstValue("X-Request-Id")).contains("req-attribution-1");

        Map<String, Object> row = app.jdbc()
                .queryForMap(
                        "SELECT convert_from(meta_data, 'UTF8')::jsonb AS meta, payload_type FROM domain_event_entry "
                                + "WHERE aggregate_identifier = 'namespaces/attributed'");
        String meta = row.get("meta").toString();
        assertThat(row.get("payload_type")).isEqualTo("io.policyledger.core.namespace.NamespaceCreated");
        assertThat(meta).contains("\"requestId\": \"req-attribution-1\"");
        assertThat(meta).contains("\"actor\": \"admin\"");
        assertThat(meta).contains("\"role\": \"platform-admin\"");
        assertThat(meta).contains("\"source\": \"127.0.0.1\"");
        assertThat(meta).containsPattern("\"time\": \"\\d{4}-\\d\\d-\\d\\dT");
    }

    @Test
    void replacingAPodLeavesItsStatusAloneWhichChangesOnlyThroughTheStatusSubresource() {
        createNamespace("status");
        String born = uniqueIp();
        String movedTo = uniqueIp();
        api.post("/api/v1/namespaces/status/pods", pod("a", "{}", born));

        Response replaced = api.put(
                "/api/v1/namespaces/status/pods/a",
                "{\"metadata\":{\"name\":\"a\",\"labels\":"
                        + "{\"x\":\"y\"}},\"spec\":{\"containers\":[{\"name\":\"main\"}]},\"status\":{\"podIP\":\"10.9.9.9\"}}");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.text("/status/podIP")).isEqualTo(born);

        Response moved = api.patch(
                "/api/v1/namespaces/status/pods/a/status",
                "application/merge-patch+json",
                "{\"status\":{\"podIP\":\"" + movedTo
                        + "\",\"podIPs\":null},\"metadata\":{\"labels\":{\"ignored\":\"yes\"}}}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.text("/status/podIP")).isEqualTo(movedTo);
        assertThat(moved.json().at("/metadata/labels/ignored").isMissingNode()).isTrue();
        assertThat(moved.text("/metadata/labels/x")).isEqualTo("y");
    }

    @Test
    void aStrategicMergePatchMergesContainersByNameAndTheCrdLikeGroupsRefuseIt() {
        createNamespace("strategic");
        api.post("/api/v1/namespaces/strategic/pods", pod("a", "{}"));
        Response two = api.patch(
                "/api/v1/namespaces/strategic/pods/a",
                "application/strategic-merge-patch+json",
                "{\"spec\":{\"containers\":[{\"name\":\"side\",\"image\":\"envoy\"}]}}");
        assertThat(two.status()).as(two.toString()).isEqualTo(200);
        assertThat(two.json().at("/spec/containers").size()).isEqualTo(2);

        Response removed = api.patch(
                "/api/v1/namespaces/strategic/pods/a",
                "application/strategic-merge-patch+json",
                "{\"spec\":{\"containers\":[{\"name\":\"side\",\"$patch\":\"delete\"}]}}");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().at("/spec/containers").size()).isEqualTo(1);
        assertThat(removed.text("/spec/containers/0/name")).isNotEqualTo("side");

        long events = app.eventCount();
        Response tenantPatch = api.patch(
                "/apis/policyledger.io/v1/tenants/" + Bodies.DEFAULT_TENANT,
                "application/strategic-merge-patch+json",
                "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
        assertThat(tenantPatch.status()).isEqualTo(415);
        assertThat(app.eventCount()).isEqualTo(events);
    }

    @Test
    void aDeleteBodyInAnotherFormatIsRefusedNotIgnored() {
        String rv = createNamespace("form-delete");
        Response r = api.send(HttpRequest.newBuilder(api.uri("/api/v1/namespaces/form-delete"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(
                        "DELETE",
                        HttpRequest.BodyPublishers.ofString(
                                "{\"preconditions\":{\"resourceVersion\":\"" + (Long.parseLong(rv) - 1) + "\"}}")));

        assertThat(r.status()).isEqualTo(415);
        assertThat(api.get("/api/v1/namespaces/form-delete").status()).isEqualTo(200);
    }

    @Test
    void missingOrNullMetadataIsAClientErrorNotAServerError() {
        createNamespace("nometa");
        assertThat(api.post("/api/v1/namespaces/nometa/pods", "{\"spec\":{\"containers\":[{\"name\":\"c\"}]}}")
                        .status())
                .isEqualTo(422);
        assertThat(api.post("/api/v1/namespaces", "{\"metadata\":null}").status())
                .isEqualTo(422);
        assertThat(api.put("/api/v1/namespaces/nometa", "{}").status()).isEqualTo(200);
        assertThat(api.patch("/api/v1/namespaces/nometa", "application/merge-patch+json", "{\"metadata\":null}")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces?limit=2147483647").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces?limit=99999999999").status()).isEqualTo(200);
    }

    @Test
    void aNumberOrBooleanWhereAStringBelongsIsRefused() {
        Response number = api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"typed\",\"labels\":{\"a\":1}}}");
        Response yaml = api.post(
                "/api/v1/namespaces", "application/yaml", "metadata:\n  name: typed\n  labels:\n    enabled: true\n");

        assertThat(number.status()).isEqualTo(400);
        assertThat(number.text("/message")).contains("metadata.labels");
        assertThat(yaml.status()).isEqualTo(400);
    }
}
