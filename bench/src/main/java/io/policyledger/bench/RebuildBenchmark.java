package io.policyledger.bench;

import io.policyledger.eventstore.EventLog;
import io.policyledger.query.audit.AuditTrailProjection;
import io.policyledger.query.effective.EffectiveRulesProjection;
import io.policyledger.query.objects.CurrentObjectProjection;
import io.policyledger.query.position.ProjectionPositions;
import io.policyledger.query.rebuild.ProjectionRebuild;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rebuilding the read models at scale: the cluster of {@link HistoryBenchmark} with N events in all
 * (100,000 by default, most of them pod label changes stored with SQL), the live projections left to
 * catch up with them, then a verify-only rebuild ({@link ProjectionRebuild}: replay into fresh tables,
 * hold, catch up, compare). In the same run, a plain scan of the log as the physical limit.
 *
 * <pre>
 *   java -jar bench/target/policy-ledger-bench.jar rebuild [events]
 * </pre>
 */
final class RebuildBenchmark {

    private RebuildBenchmark() {}

    static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        WriteVisibilityBenchmark.inContext((context, postgres) -> run(context, postgres, events));
    }

    private static void run(ConfigurableApplicationContext context, EmbeddedPostgres postgres, int events)
            throws Exception {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        ProjectionPositions positions = context.getBean(ProjectionPositions.class);
        DataSource database = postgres.getPostgresDatabase();
        long template = HistoryBenchmark.populate(context);
        HistoryBenchmark.copyLabelChanges(database, template, events - (int) template);
        EventLog eventLog = new EventLog(jdbc);
        long head = eventLog.head();
        long count = eventLog.events();

        // The live projections catch up with the copied changes (all three at once, as in the server).
        long catchUpStart = System.nanoTime();
        Map<String, Long> reached = new LinkedHashMap<>();
        List<String> projections =
                List.of(CurrentObjectProjection.NAME, AuditTrailProjection.NAME, EffectiveRulesProjection.NAME);
        while (reached.size() < projections.size()) {
            for (String projection : projections) {
                if (!reached.containsKey(projection) && positions.current(projection) >= head) {
                    reached.put(projection, System.nanoTime() - catchUpStart);
                }
            }
            if (System.nanoTime() - catchUpStart > Duration.ofHours(1).toNanos()) {
                throw new IllegalStateException("the projections did not reach " + head + ": " + reached);
            }
            Thread.sleep(50);
        }
        long catchUp = System.nanoTime() - catchUpStart;
        long caughtUpEvents = head - template;

        long scanStart = System.nanoTime();
        EventChainBenchmark.scan(database);
        long scan = System.nanoTime() - scanStart;

        ProjectionRebuild rebuilds = context.getBean(ProjectionRebuild.class);
        long rebuildStart = System.nanoTime();
        ProjectionRebuild.Status status = rebuilds.start("bench", true);
        while (!status.finished()) {
            Thread.sleep(200);
            status = rebuilds.get(status.id()).orElseThrow();
        }
        long rebuild = System.nanoTime() - rebuildStart;
        if (!status.phase().equals("Succeeded")) {
            throw new IllegalStateException("rebuild failed: " + status.message());
        }

        System.out.printf(
                "%n%,d events (%,d through the command side, the rest pod label changes stored with SQL); "
                        + "5000 pods, 100 namespaces; embedded PostgreSQL 17 (fsync on)%n%n",
                count, template);
        System.out.println("| measurement | seconds | events/s | ÷ plain scan rate |");
        System.out.println("|---|---|---|---|");
        EventChainBenchmark.row(
                "plain SELECT of every column of domain_event_entry, in order (baseline)", scan, (int) count, scan);
        EventChainBenchmark.row(
                "live projections (3, at once) catching up with the copied changes",
                catchUp,
                (int) caughtUpEvents,
                scan);
        EventChainBenchmark.row(
                "verify-only rebuild: replay into fresh tables, hold, catch up, compare", rebuild, (int) count, scan);
        reached.forEach((projection, nanos) -> System.out.printf(
                "%nlive %s caught up after %.1f s (%,.0f events/s)",
                projection, nanos / 1e9, caughtUpEvents / (nanos / 1e9)));
        System.out.printf(
                "%n%nrebuild's own replay rate (its progress): %,.0f events/s; %s%n",
                status.eventsPerSecond(), status.message());
    }
}
