package io.policyledger.app.api;

import static io.policyledger.app.testing.Bodies.allowFrom;
import static io.policyledger.app.testing.Bodies.denyAllIngress;
import static io.policyledger.app.testing.Bodies.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.testing.ApiClient.Response;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Create, read, replace and delete of every kind, through HTTP, against real PostgreSQL: the status codes
 * and Status objects a Kubernetes client expects, resourceVersions and their preconditions, dry runs, and
 * exactly one stored event per accepted change (none for a refused one), attributed to who asked. Patches
 * are {@link PatchIT}, the checks of a request before any decision {@link RequestValidationIT}, what
 * the API makes of each kind's object {@link KindDefaultsIT}.
 */
class ObjectLifecycleIT extends OneAppPerClass {

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
}
