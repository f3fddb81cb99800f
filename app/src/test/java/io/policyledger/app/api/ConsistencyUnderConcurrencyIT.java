package io.policyledger.app.api;

import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Many writers at once, on two instances sharing one database: every answer is the writer's own
 * state, readable at once, with a resourceVersion that is one of the object's own events; unconditional
 * changes never conflict; concurrent merge patches all land; and the read model equals a replay.
 */
class ConsistencyUnderConcurrencyIT {

    private static final int WRITERS = 12;
    private static final int PODS_PER_WRITER = 15;

    private record Outcome(String pod, int status, String resourceVersion, String ip, boolean readBack) {}

    @Test
    void concurrentWritersOnTwoInstancesEachSeeTheirOwnWritesAndTheReadModelEqualsAReplay() throws Exception {
        TestDatabase.Database database = TestDatabase.createDatabase();
        Path dataDir = RunningApp.tempDir();
        List<Map<String, Object>> live;
        try (RunningApp first = RunningApp.start(database, dataDir);
                RunningApp second = RunningApp.start(database)) {
            first.api().post("/api/v1/namespaces", namespace("busy", "{}"));
            ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            List<Callable<Void>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                ApiClient api = (w % 2 == 0 ? first : second).api();
                int writer = w;
                writers.add(() -> {
                    for (int i = 0; i < PODS_PER_WRITER; i++) {
                        String name = "p-" + writer + "-" + i;
                        String path = "/api/v1/namespaces/busy/pods/" + name;
                        String born = "10.1." + writer + "." + i;
                        Response created = api.post("/api/v1/namespaces/busy/pods", pod(name, "{\"v\":\"1\"}", born));
                        outcomes.add(outcome(api, name, path, created, born));
                        Response moved = api.put(
                                path + "/status",
                                "{\"metadata\":{\"name\":\"" + name + "\"},\"status\":{\"podIP\":\"10.2." + writer + "."
                                        + i + "\"}}");
                        outcomes.add(outcome(api, name, path, moved, "10.2." + writer + "." + i));
                    }
                    return null;
                });
            }
            race(writers);

            assertThat(outcomes).hasSize(WRITERS * PODS_PER_WRITER * 2);
            assertThat(outcomes).allSatisfy(o -> {
                assertThat(o.status()).as(o.pod()).isIn(200, 201);
                assertThat(o.readBack())
                        .as("read right after the write of " + o.pod())
                        .isTrue();
                Long ownEvent = first.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM domain_event_entry "
                                        + "WHERE global_index = ? AND aggregate_identifier = ?",
                                Long.class,
                                Long.parseLong(o.resourceVersion()),
                                "pods/busy/" + o.pod());
                assertThat(ownEvent)
                        .as("resourceVersion %s is an event of %s", o.resourceVersion(), o.pod())
                        .isEqualTo(1);
            });
            Long stale = first.jdbc().queryForObject("""
                    SELECT count(*) FROM current_object o
                    WHERE o.resource_version <> (SELECT max(e.global_index) FROM domain_event_entry e
                      WHERE e.aggregate_identifier = CASE o.kind WHEN 'POD' THEN 'pods/' || o.namespace || '/' || o.name
                                                                 WHEN 'NAMESPACE' THEN 'namespaces/' || o.name
                                                                 ELSE 'tenants/' || o.name END)""", Long.class);
            assertThat(stale)
                    .as("objects whose resourceVersion is not their newest event")
                    .isZero();
            live = snapshot(first);
        }

        try (Connection c = database.connect();
                Statement sql = c.createStatement()) {
            sql.execute("TRUNCATE current_object");
            sql.execute("DELETE FROM projection_position");
            sql.execute("DELETE FROM token_entry WHERE processor_name = 'current-objects'");
        }
        try (RunningApp replayed = RunningApp.start(database, dataDir)) {
            long newest =
                    replayed.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            assertThat(replayed.api()
                            .get("/api/v1/pods?resourceVersion=" + newest)
                            .status())
                    .isEqualTo(200);
            assertThat(snapshot(replayed)).isEqualTo(live);
        }
    }

    @Test
    void unconditionalChangesAndPatchesFromTwoInstancesNeverConflictAndNoneIsLost() throws Exception {
        TestDatabase.Database database = TestDatabase.createDatabase();
        try (RunningApp first = RunningApp.start(database);
                RunningApp second = RunningApp.start(database)) {
            first.api().post("/api/v1/namespaces", namespace("shared", "{}"));
            first.api().post("/api/v1/namespaces/shared/pods", pod("one", "{}"));
            List<Callable<Integer>> writers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                ApiClient api = (i % 2 == 0 ? first : second).api();
                String label = "l" + i;
                writers.add(
                        i % 3 == 0
                                ? () -> api.put(
                                                "/api/v1/namespaces/shared",
                                                "{\"metadata\":{\"name\":\"shared\",\"labels\":"
                                                        + "{\"policyledger.io/tenant\":\"tenant-a\",\"last\":\"" + label
                                                        + "\"}}}")
                                        .status()
                                : () -> api.patch(
                                                "/api/v1/namespaces/shared/pods/one",
                                                "application/merge-patch+json",
                                                "{\"metadata\":{\"labels\":{\"" + label + "\":\"yes\"}}}")
                                        .status());
            }

            List<Integer> statuses = race(writers);

            List<String> kinds = new ArrayList<>();
            for (int i = 0; i < statuses.size(); i++) {
                kinds.add((i % 3 == 0 ? "put " : "patch ") + statuses.get(i));
            }
            assertThat(statuses).as(kinds.toString()).containsOnly(200);
            Response pod = first.api()
                    .get("/api/v1/namespaces/shared/pods/one?resourceVersion="
                            + first.jdbc()
                                    .queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class));
            for (int i = 0; i < 24; i++) {
                if (i % 3 != 0) {
                    assertThat(pod.text("/metadata/labels/l" + i))
                            .as("patch l" + i + " landed")
                            .isEqualTo("yes");
                }
            }
        }
    }

    private static Outcome outcome(ApiClient api, String name, String path, Response written, String ip) {
        if (written.status() >= 300) {
            return new Outcome(name, written.status(), "0", ip, false);
        }
        String rv = written.text("/metadata/resourceVersion");
        Response read = api.get(path);
        boolean readBack = read.status() == 200
                && ip.equals(read.text("/status/podIP"))
                && Long.parseLong(read.text("/metadata/resourceVersion")) >= Long.parseLong(rv)
                && ip.equals(written.text("/status/podIP"));
        return new Outcome(name, written.status(), rv, ip, readBack);
    }

    private static List<Map<String, Object>> snapshot(RunningApp app) {
        return app.jdbc()
                .queryForList("SELECT kind, namespace, name, uid, resource_version, generation, "
                        + "labels::text, annotations::text, spec::text, status::text FROM current_object "
                        + "ORDER BY kind, namespace, name");
    }

    private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return t.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
