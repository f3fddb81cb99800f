package io.policyledger.app.api;

import static io.policyledger.app.testing.Bodies.allowFrom;
import static io.policyledger.app.testing.Bodies.denyAllIngress;
import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event log is the only truth: a new instance on the same database answers exactly as the old one
 * did, and read models dropped together with their tracking token are rebuilt identically by replay.
 */
class RestartAndRebuildIT {

    private static final String NP = "/apis/networking.k8s.io/v1/namespaces/";
    private static final List<String> READS = List.of(
            "/api/v1/namespaces",
            "/api/v1/pods",
            "/apis/networking.k8s.io/v1/networkpolicies",
            "/api/v1/namespaces/alpha",
            "/api/v1/namespaces/alpha/pods/web",
            "/api/v1/namespaces/beta/pods/db",
            NP + "alpha/networkpolicies/allow-client",
            "/api/v1/namespaces/alpha/pods?labelSelector=app%3Dweb",
            "/api/v1/namespaces/gamma");

    /** A history with creations, changes and deletions, so replay has to get order and removal right. */
    private static void writeHistory(ApiClient api) {
        api.post("/api/v1/namespaces", namespace("alpha", "{\"team\":\"a\"}"));
        api.post("/api/v1/namespaces", namespace("beta", "{\"team\":\"b\"}"));
        api.post("/api/v1/namespaces", namespace("gamma", "{}"));
        api.post("/api/v1/namespaces/alpha/pods", pod("web", "{\"app\":\"web\"}", "10.0.0.1"));
        api.post("/api/v1/namespaces/alpha/pods", pod("client", "{\"app\":\"client\"}", "10.0.0.2"));
        api.post("/api/v1/namespaces/beta/pods", pod("db", "{\"app\":\"db\"}", "10.0.1.1"));
        api.post(NP + "alpha/networkpolicies", allowFrom("allow-client", "client"));
        api.post(NP + "beta/networkpolicies", denyAllIngress("deny"));
        api.patch(
                "/api/v1/namespaces/alpha/pods/web",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"app\":\"web\",\"version\":\"2\"}}}");
        api.patch(
                "/api/v1/namespaces/alpha/pods/web/status",
                "application/merge-patch+json",
                "{\"status\":{\"podIP\":\"10.0.0.11\",\"podIPs\":[{\"ip\":\"10.0.0.11\"}]}}");
        api.patch(
                "/api/v1/namespaces/beta",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"team\":null}}}");
        api.delete("/api/v1/namespaces/alpha/pods/client");
        api.delete(NP + "beta/networkpolicies/deny");
        api.delete("/api/v1/namespaces/gamma");
        api.post("/api/v1/namespaces", namespace("gamma", "{\"again\":\"yes\"}"));
        assertThat(api.get("/api/v1/namespaces/alpha/pods/web").text("/status/podIP"))
                .isEqualTo("10.0.0.11");
    }

    /**
     * The answers, each list's own resourceVersion left out: it is the log's position when read, and a
     * restart that mints its instance a credential has moved the log on (objects keep theirs).
     */
    private static Map<String, String> answers(ApiClient api, long atLeast) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : READS) {
            String sep = path.contains("?") ? "&" : "?";
            ApiClient.Response r = api.get(path + sep + "resourceVersion=" + atLeast);
            out.put(
                    path,
                    r.status() + " "
                            + r.body()
                                    .replaceFirst(
                                            "^(\\{\"apiVersion\":\"[^\"]*\",\"kind\":\"\\w+List\","
                                                    + "\"metadata\":\\{\"resourceVersion\":\")\\d+",
                                            "$1(list)"));
        }
        return out;
    }

    private static long newest(RunningApp app) {
        return app.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    }

    @Test
    void aNewInstanceOnTheSameDatabaseAnswersExactlyAsBefore() {
        TestDatabase.Database database = TestDatabase.createDatabase();
        Path dataDir = RunningApp.tempDir();
        Map<String, String> before;
        long events;
        try (RunningApp app = RunningApp.start(database, dataDir)) {
            writeHistory(app.api());
            events = app.eventCount();
            before = answers(app.api(), newest(app));
        }

        try (RunningApp app = RunningApp.start(database, dataDir)) {
            assertThat(answers(app.api(), 0)).isEqualTo(before);
            assertThat(app.eventCount()).isEqualTo(events);
            assertThat(app.api()
                            .post("/api/v1/namespaces/alpha/pods", pod("later", "{}", "10.0.0.3"))
                            .status())
                    .isEqualTo(201);
        }
        assertThat(before.get("/api/v1/namespaces/alpha/pods/web"))
                .startsWith("200 ")
                .contains("\"version\":\"2\"");
        assertThat(before.get("/api/v1/namespaces/gamma")).startsWith("200 ").contains("\"again\":\"yes\"");
    }

    @Test
    void droppingTheReadModelAndItsTokenRebuildsItIdenticallyFromTheLog() throws Exception {
        TestDatabase.Database database = TestDatabase.createDatabase();
        Map<String, String> before;
        long newest;
        try (RunningApp app = RunningApp.start(database)) {
            writeHistory(app.api());
            newest = newest(app);
            before = answers(app.api(), newest);
        }
        try (Connection c = database.connect();
                Statement sql = c.createStatement()) {
            sql.execute("TRUNCATE current_object");
            sql.execute("DELETE FROM projection_position");
            assertThat(sql.executeUpdate("DELETE FROM token_entry WHERE processor_name = 'current-objects'"))
                    .isEqualTo(1);
        }

        try (RunningApp app = RunningApp.start(database)) {
            assertThat(answers(app.api(), newest)).isEqualTo(before);
        }
    }
}
