package io.policyledger.app.api;

import static io.policyledger.app.testing.Bodies.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Optimistic concurrency end to end: many writers holding the same resourceVersion, on one instance
 * and on two instances sharing one database. Exactly one wins; every other gets 409; the log gains
 * exactly one event. Never a lost update.
 */
class ConcurrentWritersIT {

    private static final int WRITERS = 16;

    private static RunningApp first;
    private static RunningApp second;

    @BeforeAll
    static void start() {
        TestDatabase.Database database = TestDatabase.createDatabase();
        first = RunningApp.start(database);
        second = RunningApp.start(database);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    private static List<Integer> race(List<Callable<Integer>> writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> w : writers) {
                results.add(pool.submit(() -> {
                    go.await();
                    return w.call();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Integer> updatesWithTheSameResourceVersion(String name, List<ApiClient> clients)
            throws Exception {
        String rv =
                clients.get(0).post("/api/v1/namespaces", namespace(name, "{}")).text("/metadata/resourceVersion");
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            ApiClient client = clients.get(i % clients.size());
            String body = "{\"metadata\":{\"name\":\"" + name + "\",\"resourceVersion\":\"" + rv
                    + "\",\"labels\":{\"writer\":\"w" + i + "\"}}}";
            writers.add(() -> client.put("/api/v1/namespaces/" + name, body).status());
        }
        return race(writers);
    }

    @Test
    void ofManyWritersWithTheSameResourceVersionExactlyOneWins() throws Exception {
        long events = first.eventCount();

        List<Integer> statuses = updatesWithTheSameResourceVersion("contended", List.of(first.api()));

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(WRITERS - 1);
        assertThat(first.eventCount()).isEqualTo(events + 2);
    }

    @Test
    void writersSpreadOverTwoInstancesStillGetExactlyOneWinner() throws Exception {
        long events = first.eventCount();

        List<Integer> statuses = updatesWithTheSameResourceVersion("contended-2", List.of(first.api(), second.api()));

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(WRITERS - 1);
        assertThat(first.eventCount()).isEqualTo(events + 2);
        String winner = first.api().get("/api/v1/namespaces/contended-2").text("/metadata/labels/writer");
        assertThat(second.api().get("/api/v1/namespaces/contended-2").text("/metadata/labels/writer"))
                .isEqualTo(winner);
    }

    @Test
    void ofManyCreatorsOfOneNameExactlyOneSucceedsOnEitherInstance() throws Exception {
        long events = first.eventCount();
        List<Callable<Integer>> creators = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            ApiClient client = (i % 2 == 0 ? first : second).api();
            creators.add(() -> client.post("/api/v1/namespaces", namespace("born-once", "{}"))
                    .status());
        }

        List<Integer> statuses = race(creators);

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(WRITERS - 1);
        assertThat(first.eventCount()).isEqualTo(events + 1);
    }

    @Test
    void aWriteOnOneInstanceIsVisibleOnTheOtherWhenReadAtItsRevision() {
        Response created = first.api().post("/api/v1/namespaces", namespace("seen-elsewhere", "{}"));
        String rv = created.text("/metadata/resourceVersion");

        Response read = second.api().get("/api/v1/namespaces?resourceVersion=" + rv);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("items").findValuesAsText("name")).contains("seen-elsewhere");
        Response written = second.api().post("/api/v1/namespaces", namespace("written-on-second", "{}"));
        assertThat(written.status()).isEqualTo(201);
        assertThat(second.api().get("/api/v1/namespaces/written-on-second").status())
                .isEqualTo(200);
    }
}
