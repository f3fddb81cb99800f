package io.policyledger.query.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.policyledger.eventstore.EventLog;
import io.policyledger.query.effective.EffectiveRulesProjection;
import io.policyledger.query.projection.ReadModel.Table;
import io.policyledger.query.projection.ReadModels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the read models as an operation, while the service keeps answering from the live ones.
 *
 * <pre>
 *   1. Replaying   the log into fresh tables in schema policy_ledger_rebuild, through the projections'
 *                  own code (progress: events done / total, rate, ETA), until close to the head
 *   2. (freeze)    the live processors' claims are taken: they stop committing, at their tokens
 *   3.             the rebuild catches up to exactly what each live processor had applied
 *   4. Verifying   rows only live / only rebuilt, per table
 *   5. Switching   one transaction: live rows replaced by the rebuilt ones, the agents' streams told to
 *                  relist, the claims released (the live processors carry on from the same tokens)
 * </pre>
 * A rebuild with {@code verifyOnly} compares in a snapshot of the live tables taken while they are held,
 * and lets them go before comparing. A switching one holds them through 3-5: the catch-up (at most a
 * few thousand events), the comparison and the copy of what differs, which scan every table once or
 * twice (seconds for a million audit rows). Meanwhile writes are stored and answer when visible (or 504
 * after the read-your-writes timeout, stored all the same); reads answer from the tables as held.
 * The held claims carry timestamps {@link ClaimHold#HOLD_AHEAD} ahead and are checked in the switching
 * transaction: a rebuild that lost one, or was declared abandoned, changes nothing.
 *
 * <p>This class runs the phases in order; each phase is its own class: {@link ShadowSchema} (the tables
 * replayed into), {@link Replay} (the projections' code over the log), {@link RebuildProgress},
 * {@link RebuildLedger} (the rebuild's row), {@link ClaimHold} (the live processors held),
 * {@link TableComparison}; the switch-over is here, since it is the one step that writes the live tables.
 */
@Component
public class ProjectionRebuild {

    /** Each rebuild's tables are in a schema of its own, {@code policy_ledger_rebuild_<id>}. */
    public static final String SCHEMA_PREFIX = "policy_ledger_rebuild_";

    static final String OWNER_PREFIX = "policy-ledger-rebuild-";
    static final List<String> PROCESSORS = ReadModels.names();
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    /** Replaying stops this close to the head; the rest is read with the live processors held. */
    private static final long CATCH_UP_MARGIN = 2000;

    /** A rebuild whose heartbeat is older is abandoned; live processors not at a position by then are stuck. */
    static final Duration STALE = Duration.ofSeconds(60);

    private final JdbcTemplate jdbc;
    private final EventStorageEngine events;
    private final TransactionTemplate inOneTransaction;
    private final TransactionTemplate inOneSnapshot;
    private final TransactionTemplate inItsOwnTransaction;
    private final RebuildLedger ledger;
    private final ShadowSchema schemas;
    private final TableComparison comparison;
    private final ClaimHold claims;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "projection-rebuild");
        t.setDaemon(true);
        return t;
    });

    ProjectionRebuild(
            JdbcTemplate jdbc,
            DataSource dataSource,
            EventStorageEngine events,
            Serializer serializer,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.inOneTransaction = new TransactionTemplate(transactionManager);
        this.inOneSnapshot = new TransactionTemplate(transactionManager);
        inOneSnapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.inItsOwnTransaction = new TransactionTemplate(transactionManager);
        inItsOwnTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.ledger = new RebuildLedger(jdbc, inOneTransaction);
        this.schemas = new ShadowSchema(jdbc, dataSource);
        this.comparison = new TableComparison(jdbc);
        this.claims = new ClaimHold(jdbc, serializer, clock, inOneTransaction);
    }

    /** A rebuild as its row says. {@code etaSeconds} is null while unknown or when finished. */
    public record Status(
            long id,
            String requestedBy,
            boolean verifyOnly,
            String phase,
            Instant startedAt,
            Instant finishedAt,
            long eventsDone,
            long eventsTotal,
            double eventsPerSecond,
            Long etaSeconds,
            Long switchedAt,
            JsonNode differences,
            String message) {

        public boolean finished() {
            return finishedAt != null;
        }
    }

    /** Thrown when a rebuild is asked for while another one runs. */
    public static final class AlreadyRunning extends RuntimeException {
        public AlreadyRunning(long id) {
            super("rebuild " + id + " is running; one rebuild at a time");
        }
    }

    /**
     * Starts a rebuild in the background and answers its first status.
     *
     * @throws AlreadyRunning if one runs (on any instance)
     */
    public Status start(String requestedBy, boolean verifyOnly) {
        long id = ledger.open(requestedBy, verifyOnly);
        runner.submit(() -> run(id, verifyOnly));
        return get(id).orElseThrow();
    }

    public Optional<Status> get(long id) {
        return ledger.get(id);
    }

    /** The newest rebuilds first. */
    public List<Status> list(int limit) {
        return ledger.list(limit);
    }

    private void run(long id, boolean verifyOnly) {
        RebuildRun rebuild = new RebuildRun(id);
        HikariDataSource rebuildTables = null;
        Replay replay = null;
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "projection-rebuild-heartbeat");
            t.setDaemon(true);
            return t;
        });
        // The row says the rebuild is alive for as long as it runs, whatever step it is in.
        beats.scheduleAtFixedRate(() -> safely(() -> ledger.heartbeat(id)), 5, 5, TimeUnit.SECONDS);
        try {
            schemas.create(rebuild);
            List<String> secondaryIndexes = schemas.dropSecondaryIndexes(rebuild);
            rebuildTables = schemas.dataSource(rebuild);
            JdbcTemplate rebuildJdbc = new JdbcTemplate(rebuildTables);
            replay = new Replay(
                    rebuildJdbc, new SpringTransactionManager(new DataSourceTransactionManager(rebuildTables)), events);
            RebuildProgress progress = new RebuildProgress(jdbc, id);

            // 1. Replay while the live read models go on.
            do {
                replay.read(null, progress);
            } while (head() - replay.position() > CATCH_UP_MARGIN);
            // Built once over the replayed rows rather than maintained row by row (the lookups of the replay
            // itself go by primary key).
            secondaryIndexes.forEach(jdbc::execute);

            // 2. Hold the live processors where they are, once they are at least as far as the replay.
            claims.awaitLiveAt(replay.position());
            rebuild.holding = true;
            Map<String, GapAwareTrackingToken> live = claims.hold(rebuild);
            beats.scheduleAtFixedRate(() -> claims.renew(rebuild), 2, 2, TimeUnit.SECONDS);
            for (Map.Entry<String, GapAwareTrackingToken> processor : live.entrySet()) {
                if (!replay.behind(processor.getValue())) {
                    throw new IllegalStateException("the replay read an event the live " + processor.getKey()
                            + " projection had not applied yet (one committed late); nothing was changed, try again");
                }
            }

            // 3. Exactly what each live processor had applied.
            replay.read(live, progress);
            progress.write(replay.applied());

            ledger.setPhase(id, "Verifying");
            if (verifyOnly) {
                // 4. Compare in one snapshot of the live tables taken while they are held; then let them go.
                ObjectNode differences = inOneSnapshot.execute(tx -> {
                    claims.requireHeld(rebuild, live, false);
                    inItsOwnTransaction.executeWithoutResult(released -> claims.release(rebuild));
                    return comparison.compare(rebuild);
                });
                ledger.saveDifferences(id, differences);
                ledger.finish(id, "Succeeded", null, "verified, not switched: " + TableComparison.summary(differences));
            } else {
                // 4 and 5. Compare, then replace what differs, all while held, in one transaction.
                ledger.setPhase(id, "Switching");
                long at = live.values().stream()
                        .mapToLong(GapAwareTrackingToken::getIndex)
                        .max()
                        .orElse(0);
                ObjectNode differences = inOneTransaction.execute(tx -> switchOver(rebuild, live));
                ledger.saveDifferences(id, differences);
                ledger.finish(
                        id,
                        "Succeeded",
                        at,
                        "switched at revision " + at + ": " + TableComparison.summary(differences));
            }
        } catch (RuntimeException | InterruptedException e) {
            log.warn("rebuild {} failed", id, e);
            safely(() -> ledger.finish(id, "Failed", null, e.getMessage() == null ? e.toString() : e.getMessage()));
        } finally {
            beats.shutdownNow();
            if (replay != null) {
                replay.close();
            }
            safely(() -> claims.release(rebuild));
            if (rebuildTables != null) {
                rebuildTables.close();
            }
            safely(() -> jdbc.execute("DROP SCHEMA IF EXISTS " + rebuild.schema + " CASCADE"));
        }
    }

    private static void safely(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("rebuild clean-up step failed: {}", e.toString());
        }
    }

    private long head() {
        return new EventLog(jdbc).head();
    }

    /**
     * In the caller's transaction, with the claims held: compares, then replaces what differs (rows only
     * live go, rows only rebuilt come, matched on whole rows and removed by key), moves the agents' stream
     * horizon past the switch and gives the claims back. Answers the comparison.
     */
    private ObjectNode switchOver(RebuildRun rebuild, Map<String, GapAwareTrackingToken> live) {
        // The horizon row first: the node stream's compaction locks it before node_presence, and so does this.
        jdbc.queryForList("SELECT generation FROM public.node_stream_horizon FOR UPDATE", Integer.class);
        claims.requireHeld(rebuild, live, true);
        ObjectNode differences = comparison.compare(rebuild);
        List<Table> switched =
                ReadModels.tables().stream().filter(Table::switched).toList();
        for (int i = switched.size() - 1; i >= 0; i--) {
            Table t = switched.get(i);
            String key = String.join(", ", schemas.primaryKey(t.name()));
            jdbc.update("DELETE FROM public." + t.name() + " WHERE (" + key + ") IN (SELECT " + key + " FROM ("
                    + "SELECT * FROM public." + t.name() + " EXCEPT SELECT * FROM " + rebuild.schema + "." + t.name()
                    + ") d)");
        }
        for (Table t : switched) {
            jdbc.update("INSERT INTO public." + t.name() + " SELECT * FROM " + rebuild.schema + "." + t.name()
                    + " EXCEPT SELECT * FROM public." + t.name());
        }
        for (String processor : PROCESSORS) {
            jdbc.update(
                    "INSERT INTO public.projection_position (projection, position) SELECT projection, position "
                            + "FROM " + rebuild.schema
                            + ".projection_position WHERE projection = ? ON CONFLICT (projection) "
                            + "DO UPDATE SET position = EXCLUDED.position",
                    processor);
        }
        // Revisions below the switch were stamped by the old tables' batches: agents holding one relist (see
        // V7). The switch's own revision is a boundary of both, so agents at it resume, unless the rules
        // differed: then what they hold is what was wrong, and they relist too. Open watches end either way.
        long effectiveAt = live.get(EffectiveRulesProjection.NAME).getIndex();
        boolean rulesDiffered = ReadModels.tables().stream()
                .filter(t -> t.name().startsWith("effective_") || t.name().startsWith("node_"))
                .anyMatch(t -> differences.path(t.name()).path("onlyLive").asLong()
                                + differences.path(t.name()).path("onlyRebuilt").asLong()
                        > 0);
        jdbc.update(
                "UPDATE public.node_stream_horizon SET rebuilt_at = greatest(rebuilt_at, ?), "
                        + "generation = generation + 1",
                rulesDiffered ? effectiveAt : effectiveAt - 1);
        claims.release(rebuild);
        return differences;
    }
}
