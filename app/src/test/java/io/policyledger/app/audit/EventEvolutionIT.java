package io.policyledger.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Old events stay readable: a log whose NamespaceCreated events are of the first stored form (no
 * revision, the tenant only as a label) replays into the same owners, on the command side (who may
 * change the namespace) and on the query side (what each tenant sees, the audit trail's owner).
 */
class EventEvolutionIT {

    @Test
    void aLogWrittenWithTheFirstFormOfAnEventReplaysToTheSameOwners() throws Exception {
        TestDatabase.Database database = TestDatabase.createDatabase();
        Path dataDir = RunningApp.tempDir();
        String alice;
        try (RunningApp app = RunningApp.start(database, dataDir)) {
            alice = app.mint("tenant-a", "tenant-admin", "alice");
            ok(app.api().as(alice).post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"legacy\"}}"));
        }
        try (Connection c = database.connect();
                Statement sql = c.createStatement()) {
            // The log as the first version wrote it, and every read model to be rebuilt from it.
            int rewritten = sql.executeUpdate("""
                    UPDATE domain_event_entry SET payload_revision = NULL,
                      payload = convert_to((convert_from(payload, 'UTF8')::jsonb - 'tenant')::text, 'UTF8')
                    WHERE payload_type = 'io.policyledger.core.namespace.NamespaceCreated'""");
            assertThat(rewritten).isPositive();
            sql.execute("DELETE FROM token_entry");
            sql.execute("DELETE FROM projection_position");
            sql.execute("TRUNCATE current_object");
            sql.execute("DELETE FROM audit_event");
            sql.execute("DELETE FROM audit_namespace_owner");
        }
        try (RunningApp app = RunningApp.start(database, dataDir)) {
            assertThat(app.jdbc()
                            .queryForObject(
                                    "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE "
                                            + "'%NamespaceCreated' AND convert_from(payload, 'UTF8')::jsonb ? 'tenant'",
                                    Long.class))
                    .as("stored events are never rewritten: they are read up to date")
                    .isZero();
            ApiClient asAlice = app.api().as(alice);
            ok(asAlice.get("/api/v1/namespaces/legacy"));
            ok(asAlice.patch(
                    "/api/v1/namespaces/legacy",
                    "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"still\":\"mine\"}}}"));
            assertThat(asAlice.get("/apis/policyledger.io/v1/tenants/tenant-a/events?kind=Namespace&name=legacy")
                            .json()
                            .get("items"))
                    .extracting(e -> e.get("type").asText())
                    .containsExactly("NamespaceCreated", "NamespaceMetadataChanged");
            String bob = app.mint(createTenant(app, "tenant-b"), "tenant-admin", "bob");
            assertThat(app.api().as(bob).get("/api/v1/namespaces/legacy").status())
                    .isEqualTo(404);
        }
    }

    private static String createTenant(RunningApp app, String name) {
        ok(app.api().post("/apis/policyledger.io/v1/tenants", "{\"metadata\":{\"name\":\"" + name + "\"}}"));
        return name;
    }

    private static void ok(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    }
}
