package io.policyledger.app.api;

import static io.policyledger.app.testing.Bodies.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.command.write.GroupCommit;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrent writers, on two instances sharing one database, whose commands the instances commit in
 * groups: every accepted change is exactly one event, at the resourceVersion its writer was told, in an
 * order consistent with what each writer saw; every refused command (decided inside a group, next to
 * accepted ones) stores nothing, not even its part of the namespace's object count.
 */
class GroupCommitIT {

    private static final int WRITERS = 24;
    private static final int ROUNDS = 12;

    private static RunningApp first;
    private static RunningApp second;

    @BeforeAll
    static void start() {
        TestDatabase.Database database = TestDatabase.createDatabase();
        // The writers share the admin's credential: its write rate must not be what refuses them.
        String[] unlimited = {
            "--policy-ledger.security.writes-per-second=100000", "--policy-ledger.security.write-burst=100000"
        };
        first = RunningApp.start(database, unlimited);
        second = RunningApp.start(database, unlimited);
        for (int n = 0; n < 4; n++) {
            assertThat(first.api()
                            .post("/api/v1/namespaces", namespace("group-" + n, "{}"))
                            .status())
                    .isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    /** What one writer was told: the objects it changed, with the resourceVersions it was answered, in order. */
    private record Acknowledged(ObjectKey key, long resourceVersion) {}

    private static String policy(String name, String app) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"podSelector\":{\"matchLabels\":{\"app\":\"" + app
                + "\"}}}}";
    }

    /**
     * Each round a writer creates a policy of its own, replaces it with its current resourceVersion, then
     * sends three commands that must be refused inside the command side: a create in a namespace that does
     * not exist, a second create of its policy's name, and a replace with the resourceVersion it had before.
     */
    private static List<Acknowledged> write(ApiClient api, int writer) {
        List<Acknowledged> told = new ArrayList<>();
        String ns = "group-" + (writer % 4);
        String base = "/apis/networking.k8s.io/v1/namespaces/" + ns + "/networkpolicies";
        for (int round = 0; round < ROUNDS; round++) {
            String name = "w" + writer + "-r" + round;
            ObjectKey key = ObjectKey.networkPolicy(ns, name);
            Response created = api.post(base, policy(name, "a"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String createdAt = created.text("/metadata/resourceVersion");
            told.add(new Acknowledged(key, Long.parseLong(createdAt)));

            Response replaced = api.put(
                    base + "/" + name,
                    "{\"metadata\":{\"name\":\"" + name
                            + "\",\"resourceVersion\":\"" + createdAt
                            + "\"},\"spec\":{\"podSelector\":{\"matchLabels\":"
                            + "{\"app\":\"b\"}}}}");
            assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
            told.add(new Acknowledged(key, Long.parseLong(replaced.text("/metadata/resourceVersion"))));

            assertThat(api.post(
                                    "/apis/networking.k8s.io/v1/namespaces/nowhere-" + writer + "/networkpolicies",
                                    policy(name, "a"))
                            .status())
                    .isEqualTo(404);
            assertThat(api.post(base, policy(name, "c")).status()).isEqualTo(409);
            assertThat(api.put(
                                    base + "/" + name,
                                    "{\"metadata\":{\"name\":\"" + name + "\",\"resourceVersion\":\"" + createdAt
                                            + "\"},\"spec\":{\"podSelector\":{}}}")
                            .status())
                    .isEqualTo(409);
        }
        return told;
    }

    @Test
    void everyAcceptedChangeIsOneEventInWriterOrderAndEveryRefusedCommandStoresNothing() throws Exception {
        long eventsBefore = first.eventCount();
        GroupCommit.Counts before = first.bean(GroupCommit.class).counts();

        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<List<Acknowledged>> byWriter;
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Acknowledged>>> futures = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                ApiClient api = (w % 2 == 0 ? first : second).api();
                futures.add(pool.submit(() -> {
                    go.await();
                    return write(api, writer);
                }));
            }
            go.countDown();
            byWriter = new ArrayList<>();
            for (Future<List<Acknowledged>> f : futures) {
                byWriter.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<Acknowledged> all = byWriter.stream().flatMap(List::stream).toList();
        assertThat(first.eventCount() - eventsBefore)
                .as("one event per accepted change, none for the refused commands")
                .isEqualTo(all.size());
        for (Acknowledged a : all) {
            List<Map<String, Object>> at = first.jdbc()
                    .queryForList(
                            "SELECT aggregate_identifier FROM domain_event_entry WHERE global_index = ?",
                            a.resourceVersion());
            assertThat(at)
                    .as("the event at resourceVersion %d", a.resourceVersion())
                    .hasSize(1);
            assertThat(at.get(0).get("aggregate_identifier")).isEqualTo(a.key().aggregateId());
        }
        for (List<Acknowledged> told : byWriter) {
            List<Long> versions =
                    told.stream().map(Acknowledged::resourceVersion).toList();
            List<Long> sorted = new ArrayList<>(versions);
            Collections.sort(sorted);
            assertThat(versions)
                    .as("a writer's changes are in the log in the order it made them")
                    .isEqualTo(sorted)
                    .doesNotHaveDuplicates();
        }
        for (int n = 0; n < 4; n++) {
            long policies = first.jdbc()
                    .queryForObject(
                            "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE ? AND sequence_number = 0",
                            Long.class,
                            ObjectKey.networkPolicy("group-" + n, "").aggregateId() + "%");
            assertThat(first.jdbc()
                            .queryForObject(
                                    "SELECT object_count FROM namespace_occupancy WHERE namespace = ?",
                                    Long.class,
                                    "group-" + n))
                    .as("refused creates left the namespace's count alone")
                    .isEqualTo(policies);
        }

        GroupCommit.Counts after = first.bean(GroupCommit.class).counts();
        assertThat(after.commands() - before.commands())
                .as("concurrent commands were committed in groups on this instance")
                .isGreaterThan(after.groups() - before.groups());
    }
}
