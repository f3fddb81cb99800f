package io.policyledger.bench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * NetworkPolicy creates over HTTPS against the service jar, a closed loop per client, next to the physical
 * limit measured on the same PostgreSQL in the same run at the same concurrency: single-row INSERT + COMMIT.
 *
 * <pre>
 *   java -jar bench/target/policy-ledger-bench.jar write-load [--clients 1,16,64] [--seconds 20] [--warmup 3]
 *        [--raw-seconds 10] [--namespaces 64] [--pods-per-namespace 10] [--jar app/target/policy-ledger.jar]
 *        [--server-arg --some.property=value]... [--jvm-arg -Xmx2g]...
 * </pre>
 * The server runs as its own process with its embedded PostgreSQL (fsync on) in a fresh data dir and the
 * write rate limit raised out of the way. A tenant with {@code --namespaces} namespaces of
 * {@code --pods-per-namespace} pods each is made first; client i writes into namespace i mod n. Each policy
 * selects pods by a label of its own (none match: the write path is measured, not fan-out) and admits
 * ingress from the namespace's {@code app=web} pods. Prints a Markdown table for bench/RESULTS.md.
 */
public final class WriteLoadBenchmark {

    private static final String TENANT = "load";

    private WriteLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        List<Integer> levels = options.integers("clients", "1,16,64");
        int seconds = options.integer("seconds", 20);
        int warmup = options.integer("warmup", 3);
        int rawSeconds = options.integer("raw-seconds", Math.min(seconds, 10));
        int namespaces = options.integer("namespaces", 64);
        int podsPerNamespace = options.integer("pods-per-namespace", 10);
        List<String> serverArgs = new ArrayList<>(List.of(
                "--policy-ledger.security.writes-per-second=1000000", "--policy-ledger.security.write-burst=1000000"));
        serverArgs.addAll(options.all("server-arg"));

        try (ServerProcess server = ServerProcess.start(options.jar(), options.all("jvm-arg"), serverArgs)) {
            System.out.printf("server pid %d, data in %s%n", server.pid(), server.dataDir());
            HttpsApi admin = server.api(server.adminToken());
            String token = setUp(admin, namespaces, podsPerNamespace);
            ServerProcess.Database database = server.database();
            List<String> rows = new ArrayList<>();
            CpuTime cpu = new CpuTime(server.pid(), server.dataDir().resolve("postgres"));
            for (int clients : levels) {
                Raw raw = raw(database, clients, rawSeconds);
                Load load = load(
                        server.api(token),
                        clients,
                        namespaces,
                        warmup,
                        seconds,
                        profiler(server, options, "write-load-" + clients),
                        cpu);
                double writes = load.latencies().count();
                rows.add(String.format(
                        "| %d | %,.0f | %.1f | %.1f | %.1f | %d | %.2f | %.2f | %,.0f | %.1f | %.2f |",
                        clients,
                        load.perSecond(),
                        load.latencies().percentileMillis(50),
                        load.latencies().percentileMillis(99),
                        load.latencies().maxMillis(),
                        load.failures(),
                        load.cpu().server() * 1000 / writes,
                        load.cpu().postgres() * 1000 / writes,
                        raw.perSecond(),
                        raw.latencies().percentileMillis(50),
                        load.perSecond() / raw.perSecond()));
                System.out.println(rows.get(rows.size() - 1)
                        + (load.firstFailure() == null ? "" : "   first failure: " + load.firstFailure()));
            }
            System.out.printf(
                    "%nwrite-load, %s, %d s per level after %d s warm-up; raw baseline %d s per level; "
                            + "%d namespaces × %d pods%n%n",
                    Instant.now(), seconds, warmup, rawSeconds, namespaces, podsPerNamespace);
            System.out.println("| clients | creates/s | p50 ms | p99 ms | max ms | failed | server CPU ms/create | "
                    + "PostgreSQL CPU ms/create | raw INSERT+COMMIT/s | raw p50 ms | creates ÷ raw |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
        }
        // HttpClient's selector threads are daemons; nothing else keeps the JVM.
        System.exit(0);
    }

    /** A tenant, its namespaces and pods; answers a tenant-admin token. */
    private static String setUp(HttpsApi admin, int namespaces, int podsPerNamespace) throws Exception {
        admin.expect(
                201,
                admin.post("/apis/policyledger.io/v1/tenants", "{\"metadata\":{\"name\":\"" + TENANT + "\"}}"),
                "create tenant");
        String token = admin.expect(
                        201,
                        admin.post(
                                "/apis/policyledger.io/v1/tenants/" + TENANT + "/tokens",
                                "{\"spec\":{\"role\":\"tenant-admin\",\"subject\":\"load\"}}"),
                        "mint token")
                .at("/status/token")
                .asText();
        HttpsApi tenant = admin.as(token);
        for (int n = 0; n < namespaces; n++) {
            tenant.expect(
                    201,
                    tenant.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"load-" + n + "\"}}"),
                    "create namespace");
            for (int p = 0; p < podsPerNamespace; p++) {
                String app = p % 2 == 0 ? "web" : "db";
                tenant.expect(
                        201,
                        tenant.post("/api/v1/namespaces/load-" + n + "/pods", """
                        {"metadata": {"name": "%s-%d", "labels": {"app": "%s"}},
                         "spec": {"nodeName": "node-%d", "containers": [{"name": "main", "ports": [{"name": "pg", "containerPort": 5432}]}]}}
                        """.formatted(app, p, app, p % 8)),
                        "create pod");
            }
        }
        return token;
    }

    private record Load(
            double perSecond, Latencies latencies, long failures, String firstFailure, CpuTime.Sample cpu) {}

    /**
     * With {@code --profile-dir D}: a JFR recording of the server during each level's measured seconds
     * ({@code --profile-settings} names the JFR settings: profile, or a .jfc file with a finer sampling period).
     */
    static Runnable profiler(ServerProcess server, Options options, String name) {
        String dir = options.string("profile-dir", null);
        if (dir == null) {
            return () -> {};
        }
        return () -> server.startRecording(
                java.nio.file.Path.of(dir).toAbsolutePath().resolve(name + ".jfr"),
                options.string("profile-settings", "profile"));
    }

    private static Load load(
            HttpsApi api,
            int clients,
            int namespaces,
            int warmupSeconds,
            int seconds,
            Runnable atMeasurementStart,
            CpuTime cpu)
            throws InterruptedException {
        AtomicLong failures = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Latencies> perClient = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        for (int c = 0; c < clients; c++) {
            Latencies latencies = new Latencies();
            perClient.add(latencies);
            HttpsApi own = api.as(api.token());
            String namespace = "load-" + (c % namespaces);
            String prefix = "c" + clients + "-" + c + "-";
            Thread worker = new Thread(
                    () -> {
                        try {
                            for (int i = 0; System.nanoTime() < end; i++) {
                                long t0 = System.nanoTime();
                                HttpsApi.Response r = own.post(
                                        "/apis/networking.k8s.io/v1/namespaces/" + namespace + "/networkpolicies",
                                        policy(prefix + i));
                                long t1 = System.nanoTime();
                                if (t0 < measureFrom) {
                                    if (r.status() == 201) {
                                        accepted.incrementAndGet();
                                    }
                                    continue;
                                }
                                if (r.status() == 201) {
                                    accepted.incrementAndGet();
                                    if (t1 <= end) {
                                        latencies.add(t1 - t0);
                                    }
                                } else {
                                    failures.incrementAndGet();
                                    firstFailure.compareAndSet(null, r.status() + " " + r.body());
                                }
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, e.toString());
                        } finally {
                            done.countDown();
                        }
                    },
                    "client-" + c);
            worker.start();
        }
        Thread progress = progress(accepted, clients, end);
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        atMeasurementStart.run();
        CpuTime.Sample before = cpu.sample();
        Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        CpuTime.Sample used = cpu.sample().minus(before);
        done.await();
        progress.interrupt();
        Latencies all = Latencies.merge(perClient);
        return new Load(all.count() / (double) seconds, all, failures.get(), firstFailure.get(), used);
    }

    /** Prints the accepted rate every five seconds, warm-up included: a trend shows whether it is steady. */
    private static Thread progress(AtomicLong accepted, int clients, long end) {
        Thread printer = new Thread(
                () -> {
                    long last = 0;
                    try {
                        while (System.nanoTime() < end) {
                            Thread.sleep(5000);
                            long now = accepted.get();
                            System.out.printf("  %d clients: %,.0f creates/s%n", clients, (now - last) / 5.0);
                            last = now;
                        }
                    } catch (InterruptedException e) {
                        // The level ended.
                    }
                },
                "progress");
        printer.setDaemon(true);
        printer.start();
        return printer;
    }

    private static String policy(String name) {
        return """
                {"metadata": {"name": "%s"},
                 "spec": {"podSelector": {"matchLabels": {"app": "%s"}},
                          "ingress": [{"from": [{"podSelector": {"matchLabels": {"app": "web"}}}],
                                       "ports": [{"port": "pg"}]}]}}""".formatted(name, name);
    }

    private record Raw(double perSecond, Latencies latencies) {}

    /** {@code clients} connections each doing single-row INSERTs in autocommit (one durable commit each). */
    private static Raw raw(ServerProcess.Database database, int clients, int seconds) throws Exception {
        try (Connection setup = connect(database);
                Statement s = setup.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_raw_insert (id BIGSERIAL PRIMARY KEY, payload BYTEA NOT NULL)");
        }
        List<Latencies> perClient = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        byte[] payload = new byte[600];
        for (int c = 0; c < clients; c++) {
            Latencies latencies = new Latencies();
            perClient.add(latencies);
            Thread worker = new Thread(
                    () -> {
                        try (Connection connection = connect(database);
                                PreparedStatement insert = connection.prepareStatement(
                                        "INSERT INTO bench_raw_insert (payload) VALUES (?)")) {
                            while (System.nanoTime() < end) {
                                long t0 = System.nanoTime();
                                insert.setBytes(1, payload);
                                insert.executeUpdate();
                                latencies.add(System.nanoTime() - t0);
                            }
                        } catch (Exception e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            done.countDown();
                        }
                    },
                    "raw-" + c);
            worker.start();
        }
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        try (Connection setup = connect(database);
                Statement s = setup.createStatement()) {
            s.execute("TRUNCATE bench_raw_insert");
        }
        Latencies all = Latencies.merge(perClient);
        return new Raw(all.count() / (double) seconds, all);
    }

    private static Connection connect(ServerProcess.Database database) throws Exception {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }
}
