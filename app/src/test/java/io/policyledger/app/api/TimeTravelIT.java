package io.policyledger.app.api;

import static io.policyledger.app.testing.Bodies.allowFrom;
import static io.policyledger.app.testing.Bodies.denyAllIngress;
import static io.policyledger.app.testing.Bodies.namespaceOf;
import static io.policyledger.app.testing.Bodies.pod;
import static io.policyledger.app.testing.Bodies.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.query.history.LogHistory;
import io.policyledger.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Objects and effective rules "as of" a past revision or time: after every write of a history with
 * creations, changes, deletions and a namespace passing between tenants, the present answers are
 * recorded; afterwards the same reads with {@code ?revision=} must give exactly what was recorded then,
 * answered from snapshots taken every few events plus the events since.
 */
class TimeTravelIT {

    private static final int SNAPSHOT_INTERVAL = 4;
    private static final String NP = "/apis/networking.k8s.io/v1/namespaces/";
    private static final String RULES = "/apis/policyledger.io/v1/namespaces/";
    private static final List<String> PLATFORM_READS = List.of(
            "/api/v1/namespaces",
            "/api/v1/pods",
            "/apis/networking.k8s.io/v1/networkpolicies",
            "/api/v1/namespaces/alpha/pods?labelSelector=app%3Dweb",
            "/api/v1/namespaces/alpha/pods?limit=1",
            "/api/v1/namespaces/alpha/pods/web",
            "/api/v1/namespaces/shared");
    private static final List<String> TENANT_READS =
            List.of("/api/v1/namespaces", "/api/v1/pods", RULES + "alpha/effectiverules");

    private static RunningApp app;
    private static ApiClient platform;
    private static ApiClient alice;
    private static ApiClient bob;
    /** Revision → what each read answered right after the write that made that revision. */
    private static final Map<Long, Map<String, String>> recorded = new LinkedHashMap<>();

    private static final Map<Long, Instant> recordedAt = new LinkedHashMap<>();
    private static long sharedByAlice;

    @BeforeAll
    static void history() throws Exception {
        app = RunningApp.start(
                TestDatabase.createDatabase(),
                "--policy-ledger.history.snapshot-interval=" + SNAPSHOT_INTERVAL,
                "--policy-ledger.history.poll-millis=50");
        platform = app.api();
        ok(platform.post("/apis/policyledger.io/v1/tenants", tenant("tenant-b")));
        alice = platform.as(app.mint("tenant-a", "tenant-admin", "alice"));
        bob = platform.as(app.mint("tenant-b", "tenant-admin", "bob"));

        write(() -> platform.post("/api/v1/namespaces", namespaceOf("tenant-a", "alpha", "{\"team\":\"a\"}")));
        write(() -> platform.post("/api/v1/namespaces", namespaceOf("tenant-b", "beta", "{}")));
        write(() -> platform.post("/api/v1/namespaces/alpha/pods", pod("web", "{\"app\":\"web\"}", "10.7.0.1")));
        write(() -> platform.post("/api/v1/namespaces/alpha/pods", pod("client", "{\"app\":\"client\"}", "10.7.0.2")));
        write(() -> platform.post("/api/v1/namespaces/beta/pods", pod("db", "{\"app\":\"db\"}", "10.7.1.1")));
        write(() -> alice.post(NP + "alpha/networkpolicies", allowFrom("allow-client", "client")));
        write(() -> alice.patch(
                "/api/v1/namespaces/alpha/pods/web",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"app\":\"web\",\"version\":\"2\"}}}"));
        write(() -> bob.post(NP + "beta/networkpolicies", denyAllIngress("deny")));
        write(() -> platform.patch(
                "/api/v1/namespaces/alpha/pods/web/status",
                "application/merge-patch+json",
                "{\"status\":{\"podIP\":\"10.7.0.11\",\"podIPs\":[{\"ip\":\"10.7.0.11\"}]}}"));
        write(() -> platform.post("/api/v1/namespaces", namespaceOf("tenant-a", "shared", "{}")));
        write(() -> platform.post("/api/v1/namespaces/shared/pods", pod("secret", "{\"app\":\"x\"}", "10.7.2.1")));
        sharedByAlice = newest();
        write(() -> alice.delete("/api/v1/namespaces/alpha/pods/client"));
        write(() -> alice.patch(
                "/api/v1/namespaces/alpha",
                "application/merge-patch+json",
                "{\"metadata\":{\"annotations\":{\"policyledger.io/isolation\":\"deny-ingress\"}}}"));
        write(() -> bob.delete(NP + "beta/networkpolicies/deny"));
        write(() -> alice.delete("/api/v1/namespaces/shared/pods/secret"));
        write(() -> platform.delete("/api/v1/namespaces/shared"));
        write(() -> platform.post("/api/v1/namespaces", namespaceOf("tenant-b", "shared", "{}")));
        write(() -> alice.post(NP + "alpha/networkpolicies", allowFrom("allow-web", "web")));
        write(() -> alice.delete(NP + "alpha/networkpolicies/allow-client"));

        // The snapshotter follows in the background: wait until it has passed the whole history.
        long head = newest();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (snapshotHead() < head - SNAPSHOT_INTERVAL && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyPastRevisionAnswersExactlyWhatThePresentAnsweredThen() {
        assertThat(recorded).hasSizeGreaterThan(15);
        recorded.forEach((revision, then) -> {
            Map<String, String> now = answers(revision);
            assertThat(now).as("the reads at revision %d", revision).isEqualTo(then);
        });
        JsonNode list = platform.get(
                        "/api/v1/pods?revision=" + recorded.keySet().iterator().next())
                .json();
        assertThat(list.at("/metadata/resourceVersion").asText())
                .as("a past list says which revision it reflects")
                .isEqualTo(recorded.keySet().iterator().next().toString());
    }

    @Test
    void aTimeIsAnsweredByTheNewestRevisionStoredAtOrBeforeIt() {
        recordedAt.forEach((revision, time) -> assertThat(
                        platform.get("/api/v1/pods?asOf=" + time).json().get("items"))
                .as("the pods as of %s (revision %d)", time, revision)
                .isEqualTo(
                        platform.get("/api/v1/pods?revision=" + revision).json().get("items")));
        assertThat(platform.get("/api/v1/pods?asOf=2000-01-01T00:00:00Z").json().get("items"))
                .isEmpty();
    }

    @Test
    void pastAnswersStartFromTheNearestSnapshotNotFromTheBeginning() {
        assertThat(app.jdbc().queryForObject("SELECT count(*) FROM history_snapshot", Long.class))
                .as("snapshots taken every %d events", SNAPSHOT_INTERVAL)
                .isGreaterThanOrEqualTo(3);
        LogHistory history = app.bean(LogHistory.class);
        long head = newest();
        for (long revision = 1; revision <= head; revision++) {
            assertThat(history.at(revision).eventsApplied())
                    .as("events replayed for revision %d", revision)
                    .isLessThanOrEqualTo(SNAPSHOT_INTERVAL);
        }
    }

    @Test
    void aTenantSeesThePastOnlyOfWhatWasItsOwnThen() {
        // "shared" was alice's with a pod in it, then deleted and created again for bob.
        Response bobsView = bob.get("/api/v1/namespaces/shared/pods?revision=" + sharedByAlice);
        assertThat(bobsView.status()).isEqualTo(200);
        assertThat(bobsView.json().get("items"))
                .as("alice's pod in the name's earlier life")
                .isEmpty();
        assertThat(bob.get("/api/v1/namespaces/shared/pods/secret?revision=" + sharedByAlice)
                        .status())
                .isEqualTo(404);
        assertThat(bob.get("/api/v1/pods?revision=" + sharedByAlice).json().findValuesAsText("name"))
                .contains("db")
                .doesNotContain("secret", "web", "client");
        assertThat(alice.get("/api/v1/namespaces/beta/pods/db?revision=" + sharedByAlice)
                        .status())
                .isIn(403, 404);
    }

    @Test
    void badRevisionsAndTimesAreRefusedWithAStatus() {
        Response word = platform.get("/api/v1/pods?revision=yesterday");
        assertThat(word.status()).isEqualTo(400);
        assertThat(word.json().path("kind").asText()).isEqualTo("Status");
        assertThat(word.json().path("message").asText()).contains("revision");
        Response future = platform.get("/api/v1/namespaces/alpha/pods/web?revision=" + (newest() + 1000));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().path("message").asText()).contains("is not in the log");
        assertThat(platform.get("/api/v1/pods?asOf=26.11.2026").status()).isEqualTo(400);
    }

    private static void write(java.util.function.Supplier<Response> change) throws InterruptedException {
        ok(change.get());
        long revision = newest();
        Map<String, String> present = new LinkedHashMap<>();
        read(revision, present::putAll, false);
        recorded.put(revision, present);
        Thread.sleep(5);
        recordedAt.put(revision, Instant.now());
        Thread.sleep(5);
    }

    private static Map<String, String> answers(long revision) {
        Map<String, String> out = new LinkedHashMap<>();
        read(revision, out::putAll, true);
        return out;
    }

    /** Every read, of the present (waiting for {@code revision}) or of the past at {@code revision}. */
    private static void read(long revision, Consumer<Map<String, String>> into, boolean past) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : PLATFORM_READS) {
            out.put("platform " + path, answer(platform, path, revision, past));
        }
        for (String path : TENANT_READS) {
            out.put("alice " + path, answer(alice, path, revision, past));
            out.put("bob " + path, answer(bob, path, revision, past));
        }
        into.accept(out);
    }

    /** The status and the body, without the list's own resourceVersion (the present's is its projection's). */
    private static String answer(ApiClient client, String path, long revision, boolean past) {
        String sep = path.contains("?") ? "&" : "?";
        Response r = client.get(path + sep + (past ? "revision=" : "resourceVersion=") + revision);
        if (r.status() != 200) {
            return Integer.toString(r.status());
        }
        JsonNode body = r.json();
        if (body.has("items")) {
            ((ObjectNode) body.get("metadata")).remove("resourceVersion");
        }
        if (path.contains("effectiverules")) {
            // A present rule set says the revision it last changed at; a past one, the revision asked for
            // (the past engine is built at once, not change by change). The rules themselves must be equal.
            body.get("items").forEach(item -> ((ObjectNode) item.get("metadata")).remove("resourceVersion"));
        }
        return "200 " + body;
    }

    private static long newest() {
        return app.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    }

    private static long snapshotHead() {
        return app.jdbc().queryForObject("SELECT coalesce(max(revision), 0) FROM history_snapshot", Long.class);
    }

    private static void ok(Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    }
}
