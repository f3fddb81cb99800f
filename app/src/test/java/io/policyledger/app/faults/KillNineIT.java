package io.policyledger.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.testing.Rebuilds;
import io.policyledger.testing.ServerProcess;
import io.policyledger.testing.TestApi;
import io.policyledger.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the server (its jar, a process of its own) under 16 clients creating, updating and
 * deleting pods in two tenants' namespaces, then a restart on the same data. A history checker compares
 * what clients were told with the event log: every write answered 2xx is the event at its resourceVersion,
 * each object's acknowledged writes have resourceVersions in real-time order, every object's read model
 * equals the last event of its stream (a write cut off by the kill is wholly there or wholly absent), and
 * the read models equal a rebuild from the log. Prints its figures.
 */
class KillNineIT {

    private static final int CLIENTS = 16;
    private static final List<String> NAMESPACES = List.of("k9-a", "k9-b");
    private static TestDatabase.Database database;
    private static ServerProcess server;

    /** One client operation: invoked, then ok (2xx), failed (an answer), or unknown (cut off). */
    record Op(String verb, String namespace, String pod, long startNanos, long endNanos, int status, long rv) {
        boolean ok() {
            return status / 100 == 2;
        }

        String aggregate() {
            return "pods/" + namespace + "/" + pod;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.createDatabase();
        Path data = Files.createTempDirectory("pl-kill-nine");
        server = ServerProcess.start(
                database,
                data,
                "--policy-ledger.security.writes-per-second=100000",
                "--policy-ledger.security.write-burst=100000");
        TestApi admin = server.admin();
        int t = 0;
        for (String ns : NAMESPACES) {
            admin.post("/apis/policyledger.io/v1/tenants", "{\"metadata\":{\"name\":\"tenant-" + ns + "\"}}")
                    .ok();
            admin.post(
                            "/api/v1/namespaces",
                            "{\"metadata\":{\"name\":\"" + ns + "\",\"labels\":{\"policyledger.io/tenant\":"
                                    + "\"tenant-" + ns + "\"}}}")
                    .ok();
            t++;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void acknowledgedWritesSurviveAKillAndTheHistoryIsConsistentWithTheLog() throws Exception {
        ConcurrentLinkedQueue<Op> history = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        TestApi api = server.admin();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread t = new Thread(() -> load(client, api, history, running), "k9-client-" + c);
            t.start();
            clients.add(t);
        }

        Thread.sleep(6000);
        long killed = System.nanoTime();
        server.kill();
        Thread.sleep(1000);
        server.start();
        long restarted = System.nanoTime();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        long recovered = -1;
        while (recovered < 0 && Instant.now().isBefore(deadline)) {
            recovered = history.stream()
                    .filter(o -> o.ok() && o.startNanos() > restarted)
                    .mapToLong(Op::endNanos)
                    .min()
                    .orElse(-1);
            Thread.sleep(100);
        }
        Thread.sleep(4000);
        running.set(false);
        for (Thread t : clients) {
            t.join(60_000);
        }
        assertThat(recovered).as("writes succeed after the restart").isPositive();

        TestApi admin = server.admin();
        // Every write the log holds is applied before the read models are compared with it.
        long head;
        try (Connection c = database.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
            rs.next();
            head = rs.getLong(1);
        }
        assertThat(admin.get("/api/v1/namespaces?resourceVersion=" + head).status())
                .isEqualTo(200);

        Map<Long, String> eventAggregate = new HashMap<>();
        Map<String, long[]> lastEvent = new HashMap<>(); // aggregate -> {global_index, deleted?1:0}
        Map<String, long[]> rows = new HashMap<>(); // pod key -> {resource_version}
        try (Connection c = database.connect();
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT global_index, aggregate_identifier, payload_type "
                    + "FROM domain_event_entry WHERE aggregate_identifier LIKE 'pods/k9-%' ORDER BY global_index")) {
                while (rs.next()) {
                    eventAggregate.put(rs.getLong(1), rs.getString(2));
                    lastEvent.put(
                            rs.getString(2),
                            new long[] {rs.getLong(1), rs.getString(3).endsWith("PodDeleted") ? 1 : 0});
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT namespace, name, resource_version FROM current_object "
                    + "WHERE kind = 'POD' AND namespace LIKE 'k9-%'")) {
                while (rs.next()) {
                    rows.put("pods/" + rs.getString(1) + "/" + rs.getString(2), new long[] {rs.getLong(3)});
                }
            }
        }

        List<String> lost = new ArrayList<>();
        List<String> unordered = new ArrayList<>();
        List<String> halfThere = new ArrayList<>();
        Map<String, List<Op>> byObject = new TreeMap<>();
        for (Op op : history) {
            byObject.computeIfAbsent(op.aggregate(), k -> new ArrayList<>()).add(op);
            if (op.ok() && op.rv() > 0 && !op.aggregate().equals(eventAggregate.get(op.rv()))) {
                lost.add(op + " is not the event at its resourceVersion");
            }
            if (op.ok()
                    && op.verb().equals("delete")
                    && (lastEvent.get(op.aggregate()) == null || lastEvent.get(op.aggregate())[1] != 1)) {
                lost.add(op + ": the pod was not deleted");
            }
        }
        // Real-time order across all objects (the log is one sequence): a write acknowledged before another
        // began has the smaller resourceVersion.
        List<Op> acknowledgedWrites = history.stream()
                .filter(o -> o.ok() && o.rv() > 0)
                .sorted(java.util.Comparator.comparingLong(Op::startNanos))
                .toList();
        long latestEndedRv = -1;
        long latestEnd = Long.MIN_VALUE;
        List<Op> byEnd = new ArrayList<>(acknowledgedWrites);
        byEnd.sort(java.util.Comparator.comparingLong(Op::endNanos));
        int e = 0;
        for (Op b : acknowledgedWrites) {
            while (e < byEnd.size() && byEnd.get(e).endNanos() < b.startNanos()) {
                latestEndedRv = Math.max(latestEndedRv, byEnd.get(e).rv());
                e++;
            }
            if (latestEndedRv >= b.rv()) {
                unordered.add(b + " began after a write acknowledged at resourceVersion " + latestEndedRv);
            }
        }
        // What a client may be answered: success, 503 while the database is away, 404 for a pod whose delete was
        // cut off (it went through) or which a cut-off create never made; anything else is a defect.
        java.util.Set<String> cutOffPods = new java.util.HashSet<>();
        history.stream().filter(o -> o.status() < 0).forEach(o -> cutOffPods.add(o.aggregate()));
        List<Op> unexpected = history.stream()
                .filter(o -> o.status() == -2
                        || o.status() >= 0
                                && !o.ok()
                                && o.status() != 503
                                && !(o.status() == 404 && cutOffPods.contains(o.aggregate())))
                .toList();
        lastEvent.forEach((aggregate, last) -> {
            long[] row = rows.get(aggregate);
            boolean consistent = last[1] == 1 ? row == null : row != null && row[0] == last[0];
            if (!consistent) {
                halfThere.add(aggregate + ": last event " + last[0] + (last[1] == 1 ? " (deleted)" : "")
                        + ", read model " + (row == null ? "none" : "at " + row[0]));
            }
        });
        rows.keySet().stream()
                .filter(k -> !lastEvent.containsKey(k))
                .forEach(k -> halfThere.add(k + ": a row without events"));

        long acknowledged = history.stream().filter(Op::ok).count();
        long cutOff = history.stream().filter(o -> o.status() < 0).count();
        Map<Integer, Integer> statuses = new TreeMap<>();
        history.forEach(o -> statuses.merge(o.status(), 1, Integer::sum));
        System.out.printf(
                "kill -9: %d writes, %d acknowledged, %d cut off or refused while down (statuses %s), "
                        + "writes again %.1f s after the kill; lost %d, out of order %d, half there %d%n",
                history.size(),
                acknowledged,
                cutOff,
                statuses,
                (recovered - killed) / 1e9,
                lost.size(),
                unordered.size(),
                halfThere.size());
        assertThat(unexpected).as("answers no client should get").isEmpty();
        assertThat(lost).isEmpty();
        assertThat(unordered).isEmpty();
        assertThat(halfThere).isEmpty();

        JsonNode done = Rebuilds.runToTheEnd(admin, Rebuilds.VERIFY_ONLY);
        assertThat(done.at("/status/message").asText())
                .as(done.toString())
                .startsWith("verified")
                .doesNotContain("differences");
    }

    /** Creates (60 %), relabels (25 %) and deletes (15 %) pods of its own, in both namespaces. */
    private static void load(int client, TestApi api, ConcurrentLinkedQueue<Op> history, AtomicBoolean running) {
        Random random = new Random(client);
        List<String[]> mine = new ArrayList<>();
        int n = 0;
        int ops = 0;
        while (running.get()) {
            ops++;
            int dice = random.nextInt(100);
            String verb = mine.isEmpty() || dice < 60 ? "create" : dice < 85 ? "update" : "delete";
            String[] target = verb.equals("create")
                    ? new String[] {NAMESPACES.get(random.nextInt(NAMESPACES.size())), "c" + client + "-" + (++n)}
                    : mine.get(random.nextInt(mine.size()));
            String path = "/api/v1/namespaces/" + target[0] + "/pods";
            long start = System.nanoTime();
            int status;
            long rv = -1;
            try {
                TestApi.Response r = switch (verb) {
                    case "create" ->
                        api.post(
                                path,
                                "{\"metadata\":{\"name\":\"" + target[1] + "\",\"labels\":{\"gen\":\"0\"}},"
                                        + "\"spec\":{\"nodeName\":\"node-1\",\"containers\":[{\"name\":\"main\",\"image\":\"x\"}]}}");
                    // A new value each time: a patch that changes nothing makes no event (and keeps its
                    // resourceVersion).
                    case "update" ->
                        api.patch(path + "/" + target[1], "{\"metadata\":{\"labels\":{\"gen\":\"" + ops + "\"}}}");
                    default -> api.delete(path + "/" + target[1]);
                };
                status = r.status();
                if (r.status() / 100 == 2 && !verb.equals("delete")) {
                    String text = r.json().at("/metadata/resourceVersion").asText();
                    if (!text.matches("[1-9][0-9]*")) {
                        status = -2; // acknowledged without a resourceVersion: not what the API promises
                    } else {
                        rv = Long.parseLong(text);
                    }
                }
                if (status / 100 == 2) {
                    if (verb.equals("create")) {
                        mine.add(target);
                    } else if (verb.equals("delete")) {
                        mine.remove(target);
                    }
                }
            } catch (AssertionError e) {
                status = -2; // an answer that is not what the API promises (e.g. a 2xx that is not JSON)
            } catch (RuntimeException e) {
                status = -1; // cut off: the outcome is unknown to the client
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    return;
                }
            }
            history.add(new Op(verb, target[0], target[1], start, System.nanoTime(), status, rv));
        }
    }
}
