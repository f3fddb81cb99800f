package io.policyledger.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * A fleet of agents watching their nodes' rules, against the service jar over HTTPS: how long until all of
 * them are in sync after connecting at once, and how long after a policy change each of them holds the
 * BOOKMARK at the change's revision (it has received everything the change did to its node).
 *
 * <pre>
 *   java -jar bench/target/policy-ledger-bench.jar fanout [--watchers 1000] [--nodes 100] [--pods 1000]
 *        [--changes 10] [--jar app/target/policy-ledger.jar] [--server-arg ...]... [--jvm-arg ...]...
 * </pre>
 * One namespace holds the pods, spread evenly over the nodes, and one NetworkPolicy selects them all; each
 * change is a PUT of that policy with another port, so every pod's rules change and every node gets a round.
 * Each watcher has a connection (and TLS session) of its own, as separate agents would. As the baseline of
 * the same run: the time the PUT itself took to answer (the write is visible to its writer then).
 */
public final class FanoutBenchmark {

    private static final Pattern BOOKMARK_RV = Pattern.compile("\"resourceVersion\":\"(\\d+)\"");
    private static final String NAMESPACE = "fleet";

    private FanoutBenchmark() {}

    /** One agent's watch: the revision of the last BOOKMARK it received, and when it received it. */
    private static final class Watcher {
        final String node;
        final String token;
        final SSLContext tls;
        volatile long bookmarked = -1;
        volatile long target = Long.MAX_VALUE;
        volatile long reachedTargetNanos;
        volatile String failure;
        /** The socket of its current connection: closed to cut it off, as a network failure would. */
        volatile java.net.Socket socket;

        final javax.net.ssl.SSLSocketFactory sockets;
        /** The storm the watcher last (re)connected in, and when its first BOOKMARK of that storm came. */
        volatile int storm;

        volatile long stormBookmarkNanos;

        Watcher(String node, String token, SSLContext tls) {
            this.node = node;
            this.token = token;
            this.tls = tls;
            this.sockets = new RememberingSocketFactory(tls.getSocketFactory(), s -> socket = s);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int watchers = options.integer("watchers", 1000);
        int nodes = options.integer("nodes", 100);
        int pods = options.integer("pods", 1000);
        int changes = options.integer("changes", 10);
        List<String> serverArgs = new ArrayList<>(List.of(
                "--policy-ledger.security.writes-per-second=1000000",
                "--policy-ledger.security.write-burst=1000000",
                "--policy-ledger.node-stream.max-watches-per-node=" + Math.max(16, 2 * watchers / nodes)));
        serverArgs.addAll(options.all("server-arg"));

        try (ServerProcess server = ServerProcess.start(options.jar(), options.all("jvm-arg"), serverArgs)) {
            System.out.printf("server pid %d, data in %s%n", server.pid(), server.dataDir());
            HttpsApi admin = server.api(server.adminToken());
            List<String> tokens = setUp(admin, nodes, pods);

            List<Watcher> fleet = new ArrayList<>();
            for (int w = 0; w < watchers; w++) {
                int node = w % nodes;
                fleet.add(new Watcher(
                        nodeName(node),
                        tokens.get(node),
                        HttpsApi.trusting(server.dataDir().resolve("tls/ca.crt"))));
            }
            Storms storms = new Storms();
            for (Watcher watcher : fleet) {
                Thread t = new Thread(() -> watch(server, watcher, storms), "watch-" + watcher.node);
                t.setDaemon(true);
                t.start();
            }
            CpuTime cpu = new CpuTime(server.pid(), server.dataDir().resolve("postgres"));
            List<String> stormRows = new ArrayList<>();
            stormRows.add(storm(storms, fleet, cpu, false, "connect at once (cold server), snapshots"));
            WriteLoadBenchmark.profiler(server, options, "fanout-changes").run();
            Latencies delivery = new Latencies();
            Latencies writes = new Latencies();
            long missed = 0;
            for (int c = 0; c < changes; c++) {
                Thread.sleep(1000);
                long t0 = System.nanoTime();
                HttpsApi.Response put = admin.put(
                        "/apis/networking.k8s.io/v1/namespaces/" + NAMESPACE + "/networkpolicies/all-pods",
                        policy(8000 + c));
                long t1 = System.nanoTime();
                long revision = admin.expect(200, put, "change the policy")
                        .at("/metadata/resourceVersion")
                        .asLong();
                writes.add(t1 - t0);
                for (Watcher w : fleet) {
                    w.reachedTargetNanos = 0;
                    w.target = revision;
                    if (w.bookmarked >= revision && w.reachedTargetNanos == 0) {
                        w.reachedTargetNanos = System.nanoTime();
                    }
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (fleet.stream().anyMatch(w -> w.failure == null && w.reachedTargetNanos == 0)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                for (Watcher w : fleet) {
                    if (w.reachedTargetNanos == 0) {
                        missed++;
                    } else {
                        delivery.add(w.reachedTargetNanos - t0);
                    }
                }
            }
            delivery = Latencies.merge(List.of(delivery));
            writes = Latencies.merge(List.of(writes));
            drop(fleet);
            stormRows.add(storm(storms, fleet, cpu, true, "reconnect at once, resuming from the last BOOKMARK"));
            drop(fleet);
            stormRows.add(storm(storms, fleet, cpu, false, "reconnect at once (warm server), snapshots"));
            System.out.printf(
                    "%nfanout, %s: %d watchers (%d nodes × %d), %d pods, %d changes of one policy selecting "
                            + "every pod%n%n",
                    Instant.now(), watchers, nodes, watchers / nodes, pods, changes);
            System.out.println("| storm: every watcher past its first BOOKMARK | p50 ms | max ms | server CPU s | "
                    + "PostgreSQL CPU s | client CPU s |");
            System.out.println("|---|---|---|---|---|---|");
            stormRows.forEach(System.out::println);
            System.out.println();
            System.out.println("| measurement | p50 ms | p99 ms | max ms | count |");
            System.out.println("|---|---|---|---|---|");
            System.out.printf(
                    "| baseline: the policy PUT answered (visible to its writer) | %.1f | %.1f | %.1f | %d |%n",
                    writes.percentileMillis(50), writes.percentileMillis(99), writes.maxMillis(), writes.count());
            System.out.printf(
                    "| change → BOOKMARK at its revision, on each watcher | %.1f | %.1f | %.1f | %d |%n",
                    delivery.percentileMillis(50),
                    delivery.percentileMillis(99),
                    delivery.maxMillis(),
                    delivery.count());
            System.out.printf(
                    "%nwatchers failed: %d%s; deliveries missed (30 s): %d%n",
                    fleet.stream().filter(w -> w.failure != null).count(), firstFailure(fleet), missed);
        }
        System.exit(0);
    }

    /** The storms so far: the watchers wait for the next one to (re)connect. */
    private static final class Storms {
        volatile int current;
        volatile boolean resume;
        volatile CountDownLatch go = new CountDownLatch(1);
    }

    /** Every watcher (re)connects at once; answers the table row once all are past their first BOOKMARK. */
    private static String storm(Storms storms, List<Watcher> fleet, CpuTime cpu, boolean resume, String what)
            throws InterruptedException {
        CountDownLatch go = storms.go;
        storms.resume = resume;
        storms.current++;
        int storm = storms.current;
        Thread.sleep(1000);
        CpuTime.Sample before = cpu.sample();
        double clientBefore = ownCpuSeconds();
        System.out.printf("%s: %d watchers%n", what, fleet.size());
        long start = System.nanoTime();
        storms.go = new CountDownLatch(1);
        go.countDown();
        long deadline = start + TimeUnit.MINUTES.toNanos(3);
        while (fleet.stream().anyMatch(w -> w.storm != storm || w.stormBookmarkNanos == 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        CpuTime.Sample used = cpu.sample().minus(before);
        double client = ownCpuSeconds() - clientBefore;
        Latencies synced = new Latencies();
        fleet.stream()
                .filter(w -> w.storm == storm && w.stormBookmarkNanos > 0)
                .forEach(w -> synced.add(w.stormBookmarkNanos - start));
        Latencies all = Latencies.merge(List.of(synced));
        String row = String.format(
                "| %s (%d of %d) | %.0f | %.0f | %.1f | %.1f | %.1f |",
                what,
                all.count(),
                fleet.size(),
                all.percentileMillis(50),
                all.maxMillis(),
                used.server(),
                used.postgres(),
                client);
        System.out.println(row + firstFailure(fleet));
        return row;
    }

    /** Cuts every watcher's connection (as a network failure would); each then waits for the next storm. */
    private static void drop(List<Watcher> fleet) throws InterruptedException {
        for (Watcher w : fleet) {
            java.net.Socket socket = w.socket;
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Closed already.
                }
            }
        }
        Thread.sleep(2000);
    }

    private static double ownCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    private static String firstFailure(List<Watcher> fleet) {
        return fleet.stream()
                .filter(w -> w.failure != null)
                .findFirst()
                .map(w -> " (first: " + w.failure + ")")
                .orElse("");
    }

    private static String nodeName(int node) {
        return String.format("node-%03d", node);
    }

    /** The namespace, its pods (with addresses), the policy, and an agent credential per node. */
    private static List<String> setUp(HttpsApi admin, int nodes, int pods) throws Exception {
        admin.expect(
                201,
                admin.post("/apis/policyledger.io/v1/tenants", "{\"metadata\":{\"name\":\"fleet\"}}"),
                "create tenant");
        admin.expect(
                201,
                admin.post(
                        "/api/v1/namespaces",
                        "{\"metadata\":{\"name\":\"" + NAMESPACE
                                + "\",\"labels\":{\"policyledger.io/tenant\":\"fleet\"}}}"),
                "create namespace");
        List<String> tokens = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            tokens.add(admin.expect(
                            201,
                            admin.post(
                                    "/apis/policyledger.io/v1/tokens",
                                    "{\"spec\":{\"role\":\"agent\",\"subject\":\"agent-" + n + "\",\"node\":\""
                                            + nodeName(n) + "\"}}"),
                            "mint agent token")
                    .at("/status/token")
                    .asText());
        }
        admin.expect(
                201,
                admin.post("/apis/networking.k8s.io/v1/namespaces/" + NAMESPACE + "/networkpolicies", policy(7999)),
                "create policy");
        for (int p = 0; p < pods; p++) {
            HttpsApi agent = admin.as(tokens.get(p % nodes));
            agent.expect(
                    201,
                    agent.post(
                            "/api/v1/namespaces/" + NAMESPACE + "/pods", """
                    {"metadata": {"name": "pod-%d", "labels": {"app": "app-%d"}},
                     "spec": {"nodeName": "%s", "containers": [{"name": "main", "ports": [{"name": "http", "containerPort": 80}]}]}}
                    """.formatted(p, p % 10, nodeName(p % nodes))),
                    "create pod");
            agent.expect(
                    200,
                    agent.patch(
                            "/api/v1/namespaces/" + NAMESPACE + "/pods/pod-" + p + "/status",
                            "{\"status\":{\"podIP\":\"10.%d.%d.%d\"}}"
                                    .formatted(p / 65536 + 1, p / 256 % 256, p % 256)),
                    "attest address");
        }
        return tokens;
    }

    private static String policy(int port) {
        return """
                {"metadata": {"name": "all-pods"},
                 "spec": {"podSelector": {}, "ingress": [{"from": [{"podSelector": {}}], "ports": [{"port": %d}]}]}}
                """.formatted(port);
    }

    /** Watches until the process ends: (re)connects at each storm, resuming from its last BOOKMARK if told to. */
    private static void watch(ServerProcess server, Watcher watcher, Storms storms) {
        int joined = 0;
        while (true) {
            try {
                if (watcher.storm == storms.current || joined == storms.current) {
                    storms.go.await();
                }
            } catch (InterruptedException e) {
                return;
            }
            joined = storms.current;
            watcher.storm = joined;
            watcher.stormBookmarkNanos = 0;
            String query = storms.resume && watcher.bookmarked >= 0 ? "&resourceVersion=" + watcher.bookmarked : "";
            try {
                URL url = server.base()
                        .resolve("/apis/policyledger.io/v1/nodes/" + watcher.node + "/rules?watch=true" + query)
                        .toURL();
                HttpsURLConnection connection = (HttpsURLConnection) url.openConnection();
                connection.setSSLSocketFactory(watcher.sockets);
                connection.setRequestProperty("Authorization", "Bearer " + watcher.token);
                connection.setConnectTimeout(60_000);
                connection.setReadTimeout(120_000);
                if (connection.getResponseCode() != 200) {
                    watcher.failure = "HTTP " + connection.getResponseCode();
                    continue;
                }
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("{\"type\":\"BOOKMARK\"")) {
                            Matcher m = BOOKMARK_RV.matcher(line);
                            if (m.find()) {
                                long revision = Long.parseLong(m.group(1));
                                long now = System.nanoTime();
                                if (watcher.stormBookmarkNanos == 0) {
                                    watcher.stormBookmarkNanos = now;
                                }
                                watcher.bookmarked = revision;
                                if (revision >= watcher.target && watcher.reachedTargetNanos == 0) {
                                    watcher.reachedTargetNanos = now;
                                }
                            }
                        } else if (line.startsWith("{\"type\":\"ERROR\"")) {
                            watcher.failure = line;
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Cut off (a storm's drop) or failed: wait for the next storm.
            }
        }
    }
}
