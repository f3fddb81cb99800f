package io.policyledger.bench;

import io.policyledger.bench.load.FanoutBenchmark;
import io.policyledger.bench.load.WriteLoadBenchmark;
import io.policyledger.command.write.Attribution;
import io.policyledger.command.write.ObjectWriter;
import io.policyledger.command.write.Written;
import io.policyledger.core.access.Caller;
import io.policyledger.core.namespace.ChangeNamespaceMetadata;
import io.policyledger.core.namespace.CreateNamespace;
import io.policyledger.core.tenant.CreateTenant;
import io.policyledger.query.effective.EffectiveRulesProjection;
import io.policyledger.query.objects.CurrentObjectProjection;
import io.policyledger.query.position.ProjectionPositions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.axonframework.springboot.autoconfig.XStreamAutoConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * How long after a command is stored its change is visible in the read model (the read-your-writes
 * wait every API write pays), next to the cost of the command itself and, as the baseline measured in
 * the same run, one durable INSERT + COMMIT of a row of similar size on the same PostgreSQL.
 *
 * <pre>
 *   java -jar bench/target/policy-ledger-bench.jar [writes] [warmup]
 *   java -jar bench/target/policy-ledger-bench.jar write-load [--clients 1,16,64] [--seconds 20] (WriteLoadBenchmark)
 *   java -jar bench/target/policy-ledger-bench.jar fanout [--watchers 1000] [--nodes 100]      (FanoutBenchmark)
 *   java -jar bench/target/policy-ledger-bench.jar rebuild [events]                          (RebuildBenchmark)
 *   java -jar bench/target/policy-ledger-bench.jar history [events] [queries]                (HistoryBenchmark)
 *   java -jar bench/target/policy-ledger-bench.jar node-stream [pods] [nodes] [changes]   (NodeStreamBenchmark)
 *   java -jar bench/target/policy-ledger-bench.jar event-chain [events]                   (EventChainBenchmark)
 * </pre>
 * Runs the command and query sides in-process (no HTTP) on an embedded PostgreSQL with default,
 * durable settings (fsync on), in a temporary directory. Prints a Markdown table for bench/RESULTS.md.
 */
@SpringBootApplication(
        scanBasePackages = {"io.policyledger.eventstore", "io.policyledger.command", "io.policyledger.query"},
        exclude = XStreamAutoConfiguration.class)
public class WriteVisibilityBenchmark {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) throws Exception {
        Map<String, Command> commands = Map.of(
                "write-load", WriteLoadBenchmark::main,
                "fanout", FanoutBenchmark::main,
                "node-stream", NodeStreamBenchmark::main,
                "rebuild", RebuildBenchmark::main,
                "history", HistoryBenchmark::main,
                "event-chain", EventChainBenchmark::main);
        if (args.length > 0 && commands.containsKey(args[0])) {
            commands.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int writes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        inContext((context, postgres) -> run(context, postgres, writes, warmup));
    }

    /** A benchmark's own main, named by the first argument. */
    private interface Command {
        void run(String[] args) throws Exception;
    }

    /** What a benchmark does with the running command and query sides and their database. */
    interface Body {
        void run(ConfigurableApplicationContext context, EmbeddedPostgres postgres) throws Exception;
    }

    /** Runs {@code body} against the command and query sides on a fresh, durable embedded PostgreSQL. */
    static void inContext(Body body) throws Exception {
        System.setProperty("disable-axoniq-console-message", "true");
        Path dir = Files.createTempDirectory("pl-bench");
        // The server's own settings for its embedded database: durable commits (zonky's defaults are not).
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            ConfigurableApplicationContext context = new SpringApplicationBuilder(WriteVisibilityBenchmark.class)
                    .web(WebApplicationType.NONE)
                    .properties(Map.ofEntries(
                            Map.entry("spring.datasource.url", url),
                            Map.entry("spring.datasource.username", "postgres"),
                            Map.entry("spring.main.banner-mode", "off"),
                            Map.entry("logging.level.root", "WARN"),
                            Map.entry(
                                    "logging.level.org.springframework.core.annotation.AnnotationTypeMapping", "ERROR"),
                            Map.entry("axon.axonserver.enabled", "false"),
                            Map.entry("axon.update-check.disabled", "true"),
                            Map.entry("axon.eventhandling.processors.current-objects.mode", "tracking"),
                            Map.entry("axon.eventhandling.processors.current-objects.initial-segment-count", "1"),
                            Map.entry("axon.eventhandling.processors.current-objects.batch-size", "500"),
                            Map.entry("axon.eventhandling.processors.effective-rules.mode", "tracking"),
                            Map.entry("axon.eventhandling.processors.effective-rules.initial-segment-count", "1"),
                            Map.entry("axon.eventhandling.processors.effective-rules.batch-size", "500"),
                            // As the server configures it (without these, a batch of one event per transaction).
                            Map.entry("axon.eventhandling.processors.audit-trail.mode", "tracking"),
                            Map.entry("axon.eventhandling.processors.audit-trail.initial-segment-count", "1"),
                            Map.entry("axon.eventhandling.processors.audit-trail.batch-size", "500"),
                            Map.entry("policy-ledger.event-store.fetch-delay", "25ms")))
                    .run();
            try {
                body.run(context, postgres);
            } catch (Exception | Error e) {
                // Axon's task janitor would keep the JVM alive after a failure too.
                e.printStackTrace();
                System.exit(1);
            } finally {
                context.close();
            }
        }
        // Axon's task janitor is a static, non-daemon thread that would keep the JVM alive.
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext context, EmbeddedPostgres postgres, int writes, int warmup)
            throws Exception {
        ObjectWriter writer = context.getBean(ObjectWriter.class);
        ProjectionPositions positions = context.getBean(ProjectionPositions.class);
        Attribution who = new Attribution(Caller.SYSTEM, "bench", "127.0.0.1");

        writer.submit(new CreateTenant("bench", UUID.randomUUID().toString(), Map.of(), Map.of()), who);
        long[] baseline = baseline(postgres, writes + warmup);
        long[] command = new long[writes + warmup];
        long[] visible = new long[writes + warmup];
        long[] rules = new long[writes + warmup];
        for (int i = 0; i < writes + warmup; i++) {
            String name = "ns-" + (i / 2);
            long t0 = System.nanoTime();
            Written w = i % 2 == 0
                    ? writer.submit(
                            new CreateNamespace(
                                    name, UUID.randomUUID().toString(), "bench", Map.of("team", "t" + i), Map.of()),
                            who)
                    : writer.submit(
                            new ChangeNamespaceMetadata(name, Map.of("team", "u" + i), Map.of(), null, null), who);
            long t1 = System.nanoTime();
            if (!positions.await(CurrentObjectProjection.NAME, w.resourceVersion(), Duration.ofSeconds(30))) {
                throw new IllegalStateException("revision " + w.resourceVersion() + " never became visible");
            }
            long t2 = System.nanoTime();
            if (!positions.await(EffectiveRulesProjection.NAME, w.resourceVersion(), Duration.ofSeconds(30))) {
                throw new IllegalStateException(
                        "revision " + w.resourceVersion() + " never reached the effective rules");
            }
            long t3 = System.nanoTime();
            command[i] = t1 - t0;
            visible[i] = t2 - t1;
            rules[i] = t3 - t1;
        }
        long[] b = Arrays.copyOfRange(baseline, warmup, baseline.length);
        long[] c = Arrays.copyOfRange(command, warmup, command.length);
        long[] v = Arrays.copyOfRange(visible, warmup, visible.length);
        long[] r = Arrays.copyOfRange(rules, warmup, rules.length);
        System.out.printf(
                "%nwrites measured: %d (after %d warm-up), single writer, embedded PostgreSQL 17 (fsync on)%n%n",
                writes, warmup);
        System.out.println("| measurement | median ms | p90 ms | p99 ms | max ms | median ÷ baseline median |");
        System.out.println("|---|---|---|---|---|---|");
        row("baseline: INSERT + COMMIT (JDBC)", b, b);
        row("command: validate, load stream, append event, commit", c, b);
        row("write → visible in read model (after commit)", v, b);
        row("write → applied to the effective rules (after commit)", r, b);
    }

    /** One durable commit of a ~300-byte row: the physical floor under any accepted write. */
    static long[] baseline(EmbeddedPostgres postgres, int n) throws Exception {
        long[] out = new long[n];
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench_baseline (id BIGSERIAL PRIMARY KEY, payload BYTEA NOT NULL)");
            }
            c.setAutoCommit(false);
            byte[] payload = new byte[300];
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_baseline (payload) VALUES (?)")) {
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    insert.setBytes(1, payload);
                    insert.executeUpdate();
                    c.commit();
                    out[i] = System.nanoTime() - t0;
                }
            }
        }
        return out;
    }

    static void row(String label, long[] values, long[] baseline) {
        long[] s = values.clone();
        Arrays.sort(s);
        long[] b = baseline.clone();
        Arrays.sort(b);
        System.out.printf(
                "| %s | %.2f | %.2f | %.2f | %.2f | %.1f |%n",
                label,
                ms(pct(s, 50)),
                ms(pct(s, 90)),
                ms(pct(s, 99)),
                ms(s[s.length - 1]),
                (double) pct(s, 50) / pct(b, 50));
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
