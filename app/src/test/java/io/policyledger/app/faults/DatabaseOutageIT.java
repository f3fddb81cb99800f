package io.policyledger.app.faults;

import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.Rebuilds;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.StoppablePostgres;
import io.policyledger.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops for 15 s under a write load of 16 clients, then starts again. Writes during the outage
 * are refused at once with 503 and Retry-After (never 500, never a thread held for the pool's timeout),
 * reads fail as cleanly, the service recovers without a restart, every write answered 2xx is there with
 * its resourceVersion, every write refused is either wholly there or wholly absent, and the read models
 * equal a rebuild from the log. Prints its figures.
 */
class DatabaseOutageIT {

    private static final int CLIENTS = 16;
    private static StoppablePostgres postgres;
    private static TestDatabase.Database database;
    private static RunningApp app;
    private static ApiClient metricsClient;

    /** One client operation, as a history checker sees it. */
    record Op(
            String pod,
            long startNanos,
            long endNanos,
            int status,
            String resourceVersion,
            String retryAfter,
            String failure) {
        boolean ok() {
            return status / 100 == 2;
        }

        /** 504: stored, but not visible within the read-your-writes timeout: it must be there too. */
        boolean stored() {
            return ok() || status == 504;
        }
    }

    @BeforeAll
    static void start() {
        // As in production: the driver's own asserts throw an Error on a dropped connection (see the root pom).
        assertThat(org.postgresql.jdbc.PgStatement.class.desiredAssertionStatus())
                .as("the PostgreSQL driver runs without assertions")
                .isFalse();
        postgres = StoppablePostgres.start();
        database = postgres.createDatabase("outage");
        // Rate limits are not under test: one credential writes for all clients.
        app = RunningApp.start(
                database,
                "--policy-ledger.security.writes-per-second=100000",
                "--policy-ledger.security.write-burst=100000");
        assertThat(app.api().post("/api/v1/namespaces", namespace("load", "{}")).status())
                .isEqualTo(201);
        metricsClient = app.api()
                .as(app.api()
                        .post(
                                "/apis/policyledger.io/v1/tokens",
                                "{\"spec\":{\"role\":\"metrics\",\"subject\":\"prometheus\"}}")
                        .text("/status/token"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void anOutageIsRefusedFastAndLosesNothingAcknowledged() throws Exception {
        ApiClient api = app.api();
        ConcurrentLinkedQueue<Op> history = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger next = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread t = new Thread(
                    () -> {
                        while (running.get()) {
                            String name = "p" + next.incrementAndGet();
                            long start = System.nanoTime();
                            try {
                                ApiClient.Response r =
                                        api.post("/api/v1/namespaces/load/pods", pod(name, "{\"app\":\"load\"}"));
                                history.add(new Op(
                                        name,
                                        start,
                                        System.nanoTime(),
                                        r.status(),
                                        r.status() == 201 ? r.text("/metadata/resourceVersion") : null,
                                        r.headers().firstValue("Retry-After").orElse(null),
                                        r.status() / 100 == 2 ? null : r.body()));
                                if (r.status() == 503) {
                                    Thread.sleep(200); // a polite client backs off a little
                                }
                            } catch (Exception e) {
                                history.add(new Op(name, start, System.nanoTime(), -1, null, null, e.toString()));
                            }
                        }
                    },
                    "load-" + c);
            t.start();
            clients.add(t);
        }

        Thread.sleep(4000);
        postgres.stop();
        // From when the server is down (stopping it may take a while on a busy machine), not from when it was asked to.
        long outageStart = System.nanoTime();
        Thread.sleep(2000);
        ApiClient.Response read = api.get("/api/v1/namespaces/load");
        ApiClient anonymous = api.as(null);
        ApiClient.Response live = anonymous.get("/actuator/health/liveness");
        ApiClient.Response ready = anonymous.get("/actuator/health/readiness");
        ApiClient.Response metrics = metricsClient.get("/actuator/prometheus");
        Thread.sleep(11000);
        long outageEnd = System.nanoTime();
        postgres.startAgain();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        long recovered = -1;
        while (recovered < 0 && Instant.now().isBefore(deadline)) {
            for (Op op : history) {
                if (op.ok() && op.startNanos() > outageEnd) {
                    recovered = op.endNanos();
                    break;
                }
            }
            Thread.sleep(100);
        }
        Thread.sleep(3000);
        running.set(false);
        for (Thread t : clients) {
            t.join(60_000);
        }

        List<Op> during = history.stream()
                .filter(o -> o.startNanos() > outageStart + 1_000_000_000L && o.endNanos() < outageEnd)
                .toList();
        List<Op> refused = history.stream().filter(o -> !o.stored()).toList();
        double maxRefusalSeconds = refused.stream()
                        .mapToLong(o -> o.endNanos() - o.startNanos())
                        .max()
                        .orElse(0)
                / 1e9;
        long acknowledged = history.stream().filter(Op::ok).count();
        Map<Integer, Integer> statuses = new TreeMap<>();
        history.forEach(o -> statuses.merge(o.status(), 1, Integer::sum));
        System.out.printf(
                "database outage: %d writes, %d acknowledged, statuses %s, refusals answered within %.2f s "
                        + "at most, recovery %.1f s after the database was back, read during the outage: %d%n",
                history.size(),
                acknowledged,
                statuses,
                maxRefusalSeconds,
                recovered < 0 ? -1 : (recovered - outageEnd) / 1e9,
                read.status());

        assertThat(recovered).as("writes succeed again without a restart").isPositive();
        assertThat(during).as("writes were tried during the outage").isNotEmpty();
        assertThat(during).allSatisfy(o -> {
            assertThat(o.status()).as(o.toString()).isIn(503, 504);
            if (o.status() == 503) {
                assertThat(o.retryAfter()).as(o.toString()).isNotNull();
            }
        });
        assertThat(refused)
                .as("no write refused with anything but 503, and none cut off")
                .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(503));
        assertThat(maxRefusalSeconds)
                .as("refused at once, not after the connection pool's 30 s")
                .isLessThan(10);
        assertThat(read.status()).as(read.toString()).isIn(200, 503);
        assertThat(live.status())
                .as("alive: an outage is no reason to restart it")
                .isEqualTo(200);
        assertThat(ready.status())
                .as("not ready: a load balancer sends requests elsewhere")
                .isEqualTo(503);
        assertThat(metrics.status()).as("the outage is seen in the metrics").isEqualTo(200);
        assertThat(metrics.body())
                .contains("policyledger_writes_seconds_count{method=\"POST\",resource=\"pods\",status=\"503\"}");
        Instant readyBy = Instant.now().plus(Duration.ofSeconds(60));
        while (anonymous.get("/actuator/health/readiness").status() != 200
                && Instant.now().isBefore(readyBy)) {
            Thread.sleep(250);
        }
        assertThat(anonymous.get("/actuator/health/readiness").status())
                .as("ready again")
                .isEqualTo(200);
        ApiClient.Response chain = api.get("/apis/policyledger.io/v1/audit/verify");
        assertThat(chain.status()).as(chain.toString()).isEqualTo(200);
        assertThat(chain.text("/status/verified")).as(chain.toString()).isEqualTo("true");

        long lost = 0;
        long partial = 0;
        try (Connection c = database.connect()) {
            for (Op op : history) {
                String aggregate = "pods/load/" + op.pod();
                long events =
                        count(c, "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", aggregate);
                long rows = count(
                        c,
                        "SELECT count(*) FROM current_object WHERE kind = 'POD' AND namespace = 'load' "
                                + "AND name = ?",
                        op.pod());
                if (op.stored() && !op.ok()) {
                    if (events != 1 || rows != 1) {
                        lost++;
                    }
                } else if (op.ok()) {
                    long rv = count(
                            c,
                            "SELECT coalesce(max(resource_version), -1) FROM current_object WHERE kind = 'POD' "
                                    + "AND namespace = 'load' AND name = ?",
                            op.pod());
                    if (events != 1 || rows != 1 || rv != Long.parseLong(op.resourceVersion())) {
                        lost++;
                    }
                } else if (events != rows) {
                    partial++;
                }
            }
        }
        System.out.printf(
                "database outage: lost %d of %d acknowledged writes; %d refused writes half there%n",
                lost, acknowledged, partial);
        assertThat(lost).isZero();
        assertThat(partial).isZero();

        JsonNode done = Rebuilds.runToTheEnd(api, Rebuilds.VERIFY_ONLY);
        assertThat(done.at("/status/phase").asText()).as(done.toString()).isEqualTo("Succeeded");
        assertThat(done.at("/status/message").asText()).as(done.toString()).doesNotContain("differences");
    }

    private static long count(Connection c, String sql, String arg) throws Exception {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, arg);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
