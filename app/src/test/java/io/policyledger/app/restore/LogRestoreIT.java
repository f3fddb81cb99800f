package io.policyledger.app.restore;

import static io.policyledger.app.testing.Bodies.allowFrom;
import static io.policyledger.app.testing.Bodies.namespaceOf;
import static io.policyledger.app.testing.Bodies.pod;
import static io.policyledger.app.testing.Bodies.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.Rebuilds;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.app.testing.WatchStream;
import io.policyledger.command.lookup.CommandLookupTables;
import io.policyledger.command.lookup.CommandLookups;
import io.policyledger.testing.SystemPostgres;
import io.policyledger.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Backups (README, "Backups"): a {@code pg_dump} of the event log alone (the events and the signed
 * checkpoints) restores the service. The read models are rebuilt by replay, the command side's lookups
 * are derived from the log, the chain verifies against checkpoints signed before the backup, credentials
 * issued before it keep working, and clients holding revisions the restore lost are told to list again.
 * Runs the machine's PostgreSQL binaries, whose pg_dump and pg_restore match the server.
 */
class LogRestoreIT {

    private static final String CHECKPOINTS = "/apis/policyledger.io/v1/audit/checkpoints";

    @Test
    void aDumpOfTheEventLogAloneRestoresTheService() throws Exception {
        assumeTrue(SystemPostgres.binaries() != null, "no installed PostgreSQL binaries (.ci/run installs them)");
        try (SystemPostgres pg = SystemPostgres.start()) {
            TestDatabase.Database source = pg.createDatabase("ledger");
            Path dataDir = RunningApp.tempDir();
            Path dump = Files.createTempDirectory("pl-backup").resolve("ledger.dump");

            long dumpedHead;
            long agentBookmark;
            long lostBookmark;
            CommandLookups atBackup;
            Map<String, String> objectsAtBackup;
            String viewer;
            String revoked;
            String ofDeletedTenant;
            String ofRecreatedTenant;
            String agentToken;
            try (RunningApp app = RunningApp.start(source, dataDir)) {
                ApiClient platform = app.api();
                created(
                        platform.post(
                                "/apis/policyledger.io/v1/clustersettings",
                                "{\"metadata\":{\"name\":\"default\"},"
                                        + "\"spec\":{\"protectedLabelKeys\":[\"platform.example/zone\"],\"reservedNamespaceNames\":[\"kube-*\"]}}"));
                created(platform.post("/apis/policyledger.io/v1/tenants", tenant("tenant-b")));
                created(platform.post("/apis/policyledger.io/v1/tenants", tenant("tenant-c")));
                created(platform.post("/api/v1/namespaces", namespaceOf("tenant-a", "shop", "{}")));
                created(platform.post("/api/v1/namespaces", namespaceOf("tenant-b", "pay", "{}")));
                created(platform.post("/api/v1/namespaces", namespaceOf("tenant-b", "gone", "{}")));
                created(platform.post("/api/v1/namespaces/shop/pods", pod("web", "{\"app\":\"web\"}", "10.9.0.1")));
                created(platform.post("/api/v1/namespaces/shop/pods", pod("db", "{\"app\":\"db\"}", "10.9.0.2")));
                created(platform.post("/api/v1/namespaces/pay/pods", pod("api", "{\"app\":\"api\"}", "10.9.0.3")));
                created(platform.post("/api/v1/namespaces/pay/pods", pod("old", "{\"app\":\"old\"}", "10.9.0.4")));
                created(platform.post(
                        "/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies", allowFrom("db-from-web", "web")));
                ok(platform.delete("/api/v1/namespaces/pay/pods/old"));
                ok(platform.delete("/api/v1/namespaces/gone"));
                created(platform.post("/api/v1/namespaces", namespaceOf("tenant-a", "gone", "{}")));
                viewer = mint(platform, "tenant-a", "tenant-viewer", "carol");
                revoked = mint(platform, "tenant-b", "tenant-admin", "dave");
                ok(platform.delete("/apis/policyledger.io/v1/tenants/tenant-b/tokens/" + ApiClient.tokenId(revoked)));
                ofDeletedTenant = mint(platform, "tenant-c", "tenant-admin", "erin");
                ok(platform.delete("/apis/policyledger.io/v1/tenants/tenant-c"));
                created(platform.post("/apis/policyledger.io/v1/tenants", tenant("tenant-c")));
                ofRecreatedTenant = mint(platform, "tenant-c", "tenant-viewer", "gina");
                agentToken = created(platform.post(
                                "/apis/policyledger.io/v1/tokens",
                                "{\"spec\":{\"role\":\"agent\",\"subject\":\"agent-1\",\"node\":\"node-1\"}}"))
                        .text("/status/token");

                // What the tables hold is what the log implies: the premise of restoring from the log alone.
                atBackup = app.bean(CommandLookupTables.class).read();
                assertThat(app.bean(LookupsFromLog.class).derive().comparable()).isEqualTo(atBackup.comparable());
                assertThat(atBackup.namespaces()).containsOnlyKeys("shop", "pay", "gone");
                assertThat(atBackup.namespaces().get("gone").tenant()).isEqualTo("tenant-a");
                assertThat(atBackup.namespaces().get("shop").objectCount()).isEqualTo(3);
                assertThat(atBackup.tenants())
                        .containsEntry("tenant-a", 2L)
                        .containsEntry("tenant-b", 1L)
                        .containsEntry("tenant-c", 0L);
                assertThat(atBackup.podAddresses()).containsOnlyKeys("10.9.0.1", "10.9.0.2", "10.9.0.3");
                assertThat(atBackup.protectedLabelKeys()).containsExactly("platform.example/zone");
                assertThat(atBackup.tokens().values())
                        .filteredOn(t -> t.revokedAt() != null)
                        .hasSize(2);

                created(platform.post(CHECKPOINTS, "{}"));
                agentBookmark = Long.parseLong(platform.as(agentToken)
                        .get("/apis/policyledger.io/v1/nodes/node-1/rules")
                        .text("/metadata/resourceVersion"));
                objectsAtBackup = objects(platform);
                dumpedHead = app.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
                // Rows in another order than the log's, as free space reused after a rollback leaves them:
                // the dump then lists events out of order, and the restore must link the chain in log order.
                app.jdbc().execute("CLUSTER domain_event_entry USING domain_event_entry_event_identifier_key");
                pg.tool(
                        "pg_dump",
                        "--format=custom",
                        "--data-only",
                        "--table=domain_event_entry",
                        "--table=event_chain_checkpoint",
                        "--file=" + dump,
                        "--dbname=ledger");

                // Written after the backup: lost with the database. The agent has seen it.
                created(platform.post("/api/v1/namespaces/shop/pods", pod("lost", "{\"app\":\"web\"}", "10.9.0.9")));
                lostBookmark = Long.parseLong(platform.as(agentToken)
                        .get("/apis/policyledger.io/v1/nodes/node-1/rules")
                        .text("/metadata/resourceVersion"));
                assertThat(lostBookmark).isGreaterThan(dumpedHead);
            }

            TestDatabase.Database target = pg.createDatabase("restored");
            String[] targetArgs = {"--spring.datasource.url=" + target.url(), "--spring.datasource.username=postgres"};
            assertThat(prepare(targetArgs)).isEqualTo(0);
            assertThat(prepare(targetArgs))
                    .as("a second prepare: the database is no longer empty")
                    .isEqualTo(2);
            pg.tool("pg_restore", "--data-only", "--dbname=restored", dump.toString());

            long t0 = System.nanoTime();
            try (RunningApp restored = RunningApp.start(target, dataDir)) {
                double startSeconds = (System.nanoTime() - t0) / 1e9;
                ApiClient platform = restored.api();
                await(() -> platform.get("/actuator/health/readiness").status() == 200, "ready after the replay");
                double readySeconds = (System.nanoTime() - t0) / 1e9;

                // The log verifies against checkpoints signed before the backup, with the key of the data dir.
                JsonNode verified = platform.get("/apis/policyledger.io/v1/audit/verify")
                        .json()
                        .path("status");
                assertThat(verified.path("verified").asBoolean())
                        .as(verified.toString())
                        .isTrue();
                assertThat(verified.path("revision").asLong()).isEqualTo(dumpedHead);
                assertThat(verified.at("/checkpoints/total").asInt()).isPositive();
                assertThat(verified.at("/checkpoints/verified").asInt())
                        .isEqualTo(verified.at("/checkpoints/total").asInt());

                // The objects as they were at the backup; the later write is not there.
                assertThat(objects(platform)).isEqualTo(objectsAtBackup);
                assertThat(platform.get("/api/v1/namespaces/shop/pods/lost").status())
                        .isEqualTo(404);
                // The command side's lookups as they were, so its rules hold as before.
                assertThat(restored.bean(CommandLookupTables.class).read().comparable())
                        .isEqualTo(atBackup.comparable());
                assertThat(platform.post("/api/v1/namespaces/pay/pods", pod("thief", "{}", "10.9.0.1"))
                                .status())
                        .as("an address another pod holds")
                        .isEqualTo(409);
                assertThat(platform.delete("/api/v1/namespaces/shop").status())
                        .as("a namespace holding pods")
                        .isEqualTo(409);
                assertThat(platform.post("/api/v1/namespaces", namespaceOf("tenant-a", "kube-x", "{}"))
                                .status())
                        .isEqualTo(201); // the platform may; a tenant may not:
                assertThat(platform.as(mint(platform, "tenant-a", "tenant-admin", "frank"))
                                .post("/api/v1/namespaces", namespaceOf("tenant-a", "kube-y", "{}"))
                                .status())
                        .isEqualTo(403);
                // Credentials issued before the backup work; revoked ones and those of a deleted tenant do not.
                assertThat(platform.as(viewer).get("/api/v1/namespaces/shop").status())
                        .isEqualTo(200);
                assertThat(platform.as(revoked).get("/api/v1/namespaces/pay").status())
                        .isEqualTo(401);
                assertThat(platform.as(ofDeletedTenant)
                                .get("/api/v1/namespaces")
                                .status())
                        .isEqualTo(401);
                assertThat(platform.as(ofRecreatedTenant)
                                .get("/api/v1/namespaces/gone")
                                .status())
                        .isEqualTo(404);
                assertThat(platform.as(ofRecreatedTenant)
                                .get("/api/v1/namespaces")
                                .status())
                        .isEqualTo(200);

                // The log continues far above the restored head; a revision in between names nothing.
                ApiClient.Response next =
                        created(platform.post("/api/v1/namespaces/shop/pods", pod("next", "{}", "10.9.0.5")));
                long nextRevision = Long.parseLong(next.text("/metadata/resourceVersion"));
                assertThat(nextRevision)
                        .isGreaterThanOrEqualTo(dumpedHead + PrepareRestoreCommand.DEFAULT_REVISION_GAP);
                ApiClient agent = platform.as(agentToken);
                try (WatchStream lost = agent.watch(
                        "/apis/policyledger.io/v1/nodes/node-1/rules?watch=true&resourceVersion=" + lostBookmark)) {
                    assertThat(lost.status())
                            .as("an agent that saw a lost change lists again")
                            .isEqualTo(410);
                    assertThat(lost.error().path("message").asText())
                            .contains("restored from a backup up to revision " + dumpedHead);
                }
                try (WatchStream pods = platform.watch("/api/v1/pods?watch=true&resourceVersion=" + lostBookmark)) {
                    assertThat(pods.status()).isEqualTo(410);
                }
                assertThat(platform.get("/api/v1/namespaces/shop/pods?revision=" + lostBookmark)
                                .status())
                        .as("a past state the restore lost")
                        .isEqualTo(410);
                assertThat(platform.get("/api/v1/namespaces/shop/pods?revision=" + dumpedHead)
                                .status())
                        .isEqualTo(200);
                assertThat(agent.put(
                                        "/apis/policyledger.io/v1/nodes/node-1/status",
                                        "{\"status\":{\"enforcedRevision\":" + lostBookmark + "}}")
                                .status())
                        .as("an agent cannot claim to enforce a lost revision")
                        .isEqualTo(422);
                try (WatchStream resumed = agent.watch(
                        "/apis/policyledger.io/v1/nodes/node-1/rules?watch=true&resourceVersion=" + agentBookmark)) {
                    assertThat(resumed.status())
                            .as("an agent at the restored head resumes")
                            .isEqualTo(200);
                    assertThat(resumed.next(Duration.ofSeconds(30)).path("type").asText())
                            .isIn("ADDED", "MODIFIED");
                }
                try (WatchStream pods =
                        platform.watch("/api/v1/namespaces/shop/pods?watch=true&resourceVersion=" + (dumpedHead - 5))) {
                    assertThat(pods.status())
                            .as("an object watch from below the restored head")
                            .isEqualTo(200);
                    assertThat(pods.until(
                                    e -> e.at("/object/metadata/name").asText().equals("next"), Duration.ofSeconds(30)))
                            .isNotEmpty();
                }

                JsonNode rebuild = Rebuilds.runToTheEnd(platform, Rebuilds.VERIFY_ONLY);
                assertThat(rebuild.at("/status/message").asText())
                        .as(rebuild.toString())
                        .startsWith("verified")
                        .doesNotContain("differences");
                assertThat(rebuild.at("/status/eventsTotal").asLong())
                        .as("events counted, not revisions")
                        .isEqualTo(rebuild.at("/status/eventsDone").asLong())
                        .isLessThan(100);
                created(platform.post(CHECKPOINTS, "{}"));
                JsonNode after = platform.get("/apis/policyledger.io/v1/audit/verify")
                        .json()
                        .path("status");
                assertThat(after.path("verified").asBoolean())
                        .as(after.toString())
                        .isTrue();
                Long largestToken =
                        restored.jdbc().queryForObject("SELECT max(length(token)) FROM token_entry", Long.class);
                System.out.printf(
                        "restore from a dump of the log: %d events, service started in %.1f s (restore "
                                + "finished at start), ready in %.1f s; next revision %d; largest processor token "
                                + "after the jump %d bytes%n",
                        dumpedHead, startSeconds, readySeconds, nextRevision, largestToken);
            }

            // Started again, the restored service is simply itself.
            try (RunningApp again = RunningApp.start(target, dataDir)) {
                assertThat(again.api().get("/api/v1/namespaces/shop/pods/next").status())
                        .isEqualTo(200);
                assertThat(again.jdbc()
                                .queryForObject(
                                        "SELECT count(*) FROM log_restore WHERE finished_at IS NOT NULL", Long.class))
                        .isEqualTo(1);
            }

            // A dump loaded into a database that only has the schema (a prepare that stopped before it recorded
            // the restore, or none at all) is restored as well, not served without its command side.
            TestDatabase.Database unprepared = pg.createDatabase("unprepared").migrated();
            pg.tool("pg_restore", "--data-only", "--dbname=unprepared", dump.toString());
            try (RunningApp loaded = RunningApp.start(unprepared, dataDir)) {
                assertThat(objects(loaded.api())).isEqualTo(objectsAtBackup);
                assertThat(loaded.bean(CommandLookupTables.class).read().comparable())
                        .isEqualTo(atBackup.comparable());
            }
        }
    }

    private static int prepare(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = PrepareRestoreCommand.prepare(args, new PrintStream(out, true));
        System.out.print(out);
        return status;
    }

    /** Namespaces, pods and network policies by kind and name, with their resourceVersions and uids. */
    private static Map<String, String> objects(ApiClient api) {
        Map<String, String> out = new TreeMap<>();
        for (String list : new String[] {
            "/api/v1/namespaces",
            "/api/v1/pods",
            "/apis/networking.k8s.io/v1/networkpolicies",
            "/apis/policyledger.io/v1/tenants"
        }) {
            for (JsonNode item : ok(api.get(list)).json().path("items")) {
                JsonNode meta = item.path("metadata");
                out.put(
                        list + " " + meta.path("namespace").asText() + "/"
                                + meta.path("name").asText(),
                        meta.path("resourceVersion").asText() + " "
                                + meta.path("uid").asText());
            }
        }
        return out;
    }

    private static String mint(ApiClient platform, String tenant, String role, String subject) {
        return created(platform.post(
                        "/apis/policyledger.io/v1/tenants/" + tenant + "/tokens",
                        "{\"spec\":{\"role\":\"" + role + "\",\"subject\":\"" + subject + "\"}}"))
                .text("/status/token");
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(end);
            Thread.sleep(200);
        }
    }

    private static ApiClient.Response created(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        return r;
    }

    private static ApiClient.Response ok(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isIn(200, 202);
        return r;
    }
}
