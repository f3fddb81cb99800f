package io.policyledger.app.rules;

import static io.policyledger.app.rules.EffectiveRulesIT.ok;
import static io.policyledger.app.rules.EffectiveRulesIT.pod;
import static io.policyledger.app.rules.EffectiveRulesIT.policy;
import static io.policyledger.app.testing.Bodies.namespaceOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The effective-rules projection keeps its engine in memory; when another instance takes the
 * projection over it loads the engine from the stored inputs and carries on, and what it stores is
 * what a replay of the whole log from scratch stores.
 */
class EffectiveRulesFailoverIT {

    @Test
    void anInstanceTakingTheProjectionOverCarriesOnAndEqualsAReplayFromScratch() throws Exception {
        TestDatabase.Database database = TestDatabase.createDatabase();
        Path dataDir = RunningApp.tempDir();
        List<Map<String, Object>> kept;
        try (RunningApp second = startSecondAfter(database, dataDir)) {
            ApiClient api = second.api();
            // The first instance (closed by now) ran the projection; this one takes it over on the next write.
            ok(api.patch(
                    "/api/v1/namespaces/x/pods/c",
                    "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}"));
            ok(api.post(
                    "/apis/networking.k8s.io/v1/namespaces/x/networkpolicies",
                    policy("web-egress", "web", "[]")
                            .replace("\"ingress\":[]", "\"egress\":[{\"to\":[{\"podSelector\":{}}]}]")));
            ok(api.delete("/api/v1/namespaces/x/pods/a"));

            var db = api.get("/apis/policyledger.io/v1/namespaces/x/effectiverules/b");
            assertThat(db.status()).as(db.toString()).isEqualTo(200);
            assertThat(db.json().at("/ingress/allow/0/from/pods").findValuesAsText("name"))
                    .containsExactly("c");
            var c = api.get("/apis/policyledger.io/v1/namespaces/x/effectiverules/c")
                    .json();
            assertThat(c.at("/egress/isolated").asBoolean()).isTrue();
            kept = snapshot(second);
        }

        try (Connection c = database.connect();
                Statement sql = c.createStatement()) {
            sql.execute("DELETE FROM token_entry WHERE processor_name = 'effective-rules'");
            sql.execute("DELETE FROM effective_input");
            sql.execute("DELETE FROM effective_rule_set");
            sql.execute("DELETE FROM effective_peer_set");
            sql.execute("DELETE FROM projection_position WHERE projection = 'effective-rules'");
        }
        try (RunningApp replayed = RunningApp.start(database, dataDir)) {
            assertThat(replayed.api()
                            .get("/apis/policyledger.io/v1/namespaces/x/effectiverules/b")
                            .status())
                    .isEqualTo(200);
            assertThat(snapshot(replayed)).isEqualTo(kept);
        }
    }

    /** Starts two instances, writes through the first (which runs the projections), closes it. */
    private static RunningApp startSecondAfter(TestDatabase.Database database, Path dataDir) {
        RunningApp first = RunningApp.start(database, dataDir);
        RunningApp second = RunningApp.start(
                database, "--policy-ledger.security.signing-key-file=" + dataDir.resolve("jwt-signing-key.json"));
        try (first) {
            ApiClient api = first.api();
            ok(api.post("/api/v1/namespaces", namespaceOf("tenant-a", "x", "{}")));
            ok(api.post("/api/v1/namespaces/x/pods", pod("a", "web", "10.1.0.1")));
            ok(api.post("/api/v1/namespaces/x/pods", pod("b", "db", "10.1.0.2")));
            ok(api.post("/api/v1/namespaces/x/pods", pod("c", "other", "10.1.0.3")));
            ok(api.post(
                    "/apis/networking.k8s.io/v1/namespaces/x/networkpolicies",
                    policy(
                            "db-from-web",
                            "db",
                            "[{\"from\":[{\"podSelector\":{\"matchLabels\":{\"app\":\"web\"}}}]}]")));
            assertThat(api.get("/apis/policyledger.io/v1/namespaces/x/effectiverules/b")
                            .json()
                            .at("/ingress/allow/0/from/pods")
                            .findValuesAsText("name"))
                    .containsExactly("a");
        }
        return second;
    }

    private static List<Map<String, Object>> snapshot(RunningApp app) {
        return app.jdbc().queryForList("""
                SELECT 'rules' AS what, namespace || '/' || pod AS id, rules::text AS content FROM effective_rule_set
                UNION ALL SELECT 'set', id, definition FROM effective_peer_set
                UNION ALL SELECT 'member', peer_set_id, namespace || '/' || pod FROM effective_peer_set_member
                UNION ALL SELECT 'input', kind || ':' || namespace || '/' || name, document::text FROM effective_input
                ORDER BY 1, 2, 3""");
    }
}
