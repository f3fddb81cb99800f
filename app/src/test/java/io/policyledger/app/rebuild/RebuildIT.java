package io.policyledger.app.rebuild;

import static io.policyledger.app.testing.Bodies.allowFrom;
import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.Rebuilds;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding the read models as an operation: live read models damaged with SQL are found out by a
 * verify-only rebuild (and left as they are), then repaired by a switching one, while a writer keeps
 * writing and every write stays visible; afterwards a fresh rebuild finds nothing to change.
 */
class RebuildIT {

    private static final String REBUILDS = "/apis/policyledger.io/v1/audit/rebuilds";
    private static final List<String> READS = List.of(
            "/api/v1/namespaces",
            "/api/v1/pods",
            "/apis/networking.k8s.io/v1/networkpolicies",
            "/apis/policyledger.io/v1/namespaces/shop/effectiverules",
            "/apis/policyledger.io/v1/events");

    private static RunningApp app;
    private static ApiClient platform;
    private static Map<String, String> before;
    private static long damagedRevision;

    @BeforeAll
    static void history() {
        app = RunningApp.start(TestDatabase.createDatabase());
        platform = app.api();
        ok(platform.post("/api/v1/namespaces", namespace("shop", "{\"team\":\"a\"}")));
        ok(platform.post("/api/v1/namespaces/shop/pods", pod("web", "{\"app\":\"web\"}")));
        ok(platform.post("/api/v1/namespaces/shop/pods", pod("client", "{\"app\":\"client\"}")));
        ok(platform.post("/api/v1/namespaces/shop/pods", pod("gone", "{\"app\":\"x\"}")));
        ok(platform.post(
                "/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies", allowFrom("allow-client", "client")));
        ok(platform.patch(
                "/api/v1/namespaces/shop/pods/web",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"app\":\"web\",\"v\":\"2\"}}}"));
        ok(platform.delete("/api/v1/namespaces/shop/pods/gone"));
        before = answers();
        damagedRevision =
                app.jdbc().queryForObject("SELECT min(revision) FROM audit_event WHERE kind = 'POD'", Long.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /**
     * One story, since its second half repairs what the first half found: a verify-only rebuild reports
     * damage and changes nothing; a rebuild then repairs it while writes go on.
     */
    @Test
    void aVerifyOnlyRebuildReportsDamageThenARebuildRepairsItWhileWritesGoOn() throws Exception {
        damage();
        Map<String, String> damaged = answers();
        assertThat(damaged).isNotEqualTo(before);

        JsonNode done = Rebuilds.runToTheEnd(platform, "{\"spec\":{\"verifyOnly\":true}}");
        assertThat(done.at("/status/phase").asText()).as(done.toString()).isEqualTo("Succeeded");
        assertThat(done.at("/status/message").asText()).startsWith("verified, not switched: differences in");
        JsonNode differences = done.at("/status/differences");
        assertThat(differences.at("/current_object/onlyLive").asLong()).isEqualTo(1);
        assertThat(differences.at("/current_object/onlyRebuilt").asLong()).isEqualTo(1);
        assertThat(differences.at("/current_object/examples").toString()).contains("tampered");
        assertThat(differences.at("/audit_event/onlyRebuilt").asLong()).isEqualTo(1);
        assertThat(differences.at("/effective_rule_set/onlyRebuilt").asLong()).isEqualTo(1);
        assertThat(differences.at("/effective_input/onlyLive").asLong()).isZero();
        assertThat(done.at("/status/eventsDone").asLong()).isEqualTo(app.eventCount());
        assertThat(answers())
                .as("verify only: the live read models are as they were")
                .isEqualTo(damaged);
        assertThat(schemaExists()).as("the rebuild's tables are dropped").isFalse();

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                int n = written.incrementAndGet();
                Response r = platform.post("/api/v1/namespaces/shop/pods", pod("busy-" + n, "{\"app\":\"busy\"}"));
                if (r.status() != 201) {
                    failures.add(r.toString());
                }
            }
        });
        writer.start();
        JsonNode switched;
        try {
            switched = Rebuilds.runToTheEnd(platform, null);
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(failures).as("writes during the rebuild").isEmpty();
        assertThat(switched.at("/status/phase").asText())
                .as(switched.toString())
                .isEqualTo("Succeeded");
        assertThat(switched.at("/status/message").asText()).startsWith("switched at revision");
        assertThat(switched.at("/status/switchedAtRevision").asLong()).isPositive();

        // Every write is visible (the live processors carry on after the switch), and the damage is gone.
        long newest = app.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        JsonNode busy = platform.get("/api/v1/namespaces/shop/pods?labelSelector=app%3Dbusy&resourceVersion=" + newest)
                .json();
        assertThat(busy.get("items")).hasSize(written.get());
        for (int n = 1; n <= written.get(); n++) {
            ok(platform.delete("/api/v1/namespaces/shop/pods/busy-" + n));
        }
        assertThat(answers()).isEqualTo(before);
        assertThat(platform.get("/api/v1/namespaces/shop/pods/web").text("/metadata/labels/v"))
                .isEqualTo("2");

        // A rebuild now finds the live read models equal to the log's.
        JsonNode again = Rebuilds.runToTheEnd(platform, "{\"spec\":{\"verifyOnly\":true}}");
        assertThat(again.at("/status/message").asText())
                .isEqualTo("verified, not switched: the rebuilt read models equal the live ones");
    }

    @Test
    void oneRebuildAtATimeAndBadRequestsAreRefused() {
        JsonNode listed = Rebuilds.runToTheEnd(platform, "{\"spec\":{\"verifyOnly\":true}}");
        app.jdbc()
                .update("INSERT INTO projection_rebuild (id, requested_by, verify_only, phase, started_at, heartbeat) "
                        + "VALUES (1000, 'someone', false, 'Replaying', now(), now())");
        try {
            Response second = platform.post(REBUILDS, "{}");
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.json().path("message").asText()).contains("rebuild 1000 is running");
        } finally {
            app.jdbc().update("DELETE FROM projection_rebuild WHERE id = 1000");
        }
        assertThat(platform.post(REBUILDS, "{\"spec\":{\"verifyOnly\":\"yes\"}}")
                        .status())
                .isEqualTo(422);
        assertThat(platform.post(REBUILDS, "{\"spec\":{\"tables\":[\"x\"]}}").status())
                .isEqualTo(400);
        assertThat(platform.get(REBUILDS + "/99999").status()).isEqualTo(404);
        Response badLimit = platform.get(REBUILDS + "?limit=many");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().path("message").asText()).contains("invalid limit \"many\"");
        assertThat(platform.get(REBUILDS + "?limit=1").json().get("items")).hasSize(1);
        assertThat(platform.get(REBUILDS + "?limit=0").json().get("items")).hasSize(1);
        assertThat(platform.get(REBUILDS + "?limit=").json().get("items"))
                .hasSameSizeAs(platform.get(REBUILDS).json().get("items"));
        assertThat(platform.get(REBUILDS).json().get("items").findValuesAsText("name"))
                .contains(listed.at("/metadata/name").asText());
    }

    @Test
    void theCommandLineFollowsARebuildToItsEnd() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = RebuildCommand.rebuild(
                new String[] {"--verify-only", "--kubeconfig=" + app.dataDir().resolve("admin.kubeconfig")},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out)
                .contains("started (verify only)")
                .contains("audit_event")
                .contains("Succeeded: verified, not switched: the rebuilt read models equal the live ones");
    }

    /** A pod's labels changed, an audit entry and a pod's effective rules deleted: the read models, not the log. */
    private static void damage() {
        app.jdbc()
                .update(
                        "UPDATE current_object SET labels = '{\"tampered\":\"yes\"}' WHERE kind = 'POD' AND name = 'client'");
        app.jdbc().update("DELETE FROM audit_event WHERE revision = ?", damagedRevision);
        app.jdbc().update("DELETE FROM effective_rule_set WHERE pod = 'client'");
    }

    /** The reads, each with its resourceVersion dropped (the log moved on with the busy pods' history). */
    private static Map<String, String> answers() {
        Map<String, String> out = new LinkedHashMap<>();
        long newest = app.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        for (String path : READS) {
            Response r = platform.get(path + (path.contains("?") ? "&" : "?") + "resourceVersion=" + newest);
            JsonNode body = r.json();
            if (body.has("metadata")) {
                ((ObjectNode) body.get("metadata")).remove("resourceVersion");
                ((ObjectNode) body.get("metadata")).remove("continue");
            }
            if (path.endsWith("/effectiverules")) {
                // A rule set's resourceVersion is the end of the batch that changed it: replays batch differently.
                body.get("items").forEach(item -> ((ObjectNode) item.get("metadata")).remove("resourceVersion"));
            }
            if (path.endsWith("/events")) {
                // The trail grows with every write: compare the part that was there before.
                ArrayNode items = (ArrayNode) body.get("items");
                while (items.size() > 0
                        && items.get(items.size() - 1).path("revision").asLong() > lastHistoryRevision()) {
                    items.remove(items.size() - 1);
                }
            }
            out.put(path, r.status() + " " + body);
        }
        return out;
    }

    private static long lastHistoryRevision() {
        return app.jdbc()
                .queryForObject(
                        "SELECT coalesce(min(revision), 1000000000) - 1 FROM audit_event " + "WHERE name LIKE 'busy-%'",
                        Long.class);
    }

    private static boolean schemaExists() {
        return Boolean.TRUE.equals(app.jdbc()
                .queryForObject(
                        "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname LIKE 'policy_ledger_rebuild%')",
                        Boolean.class));
    }

    private static void ok(Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    }
}
