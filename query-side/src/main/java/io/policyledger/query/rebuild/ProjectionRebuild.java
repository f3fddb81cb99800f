package io.policyledger.query.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.policyledger.eventstore.EventLog;
import io.policyledger.query.effective.EffectiveRulesProjection;
import io.policyledger.query.projection.ReadModel;
import io.policyledger.query.projection.ReadModel.Table;
import io.policyledger.query.projection.ReadModels;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
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
 * The held claims carry timestamps {@link #HOLD_AHEAD} ahead and are checked in the switching
 * transaction: a rebuild that lost one, or was declared abandoned, changes nothing.
 */
@Component
public class ProjectionRebuild {

    /** Each rebuild's tables are in a schema of its own, {@code policy_ledger_rebuild_<id>}. */
    public static final String SCHEMA_PREFIX = "policy_ledger_rebuild_";

    private static final String OWNER_PREFIX = "policy-ledger-rebuild-";
    static final List<String> PROCESSORS = ReadModels.names();
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final int BATCH = 10_000;
    /** Replaying stops this close to the head; the rest is read with the live processors held. */
    private static final long CATCH_UP_MARGIN = 2000;

    private static final Duration STALE = Duration.ofSeconds(60);
    /**
     * How far ahead a held claim's timestamp is set: Axon takes a claim back once its timestamp plus the
     * claim timeout has passed, so a stall of the renewal (a pause, a slow connection) shorter than this
     * never lets a live processor in; a rebuild that died frees them after at most this long.
     */
    private static final Duration HOLD_AHEAD = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final DataSource dataSource;
    private final EventStorageEngine events;
    private final Serializer serializer;
    private final TransactionTemplate inOneTransaction;
    private final TransactionTemplate inOneSnapshot;
    private final TransactionTemplate inItsOwnTransaction;
    private final ObjectMapper json = new ObjectMapper();
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
        this.clock = clock;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.events = events;
        this.serializer = serializer;
        this.inOneTransaction = new TransactionTemplate(transactionManager);
        this.inOneSnapshot = new TransactionTemplate(transactionManager);
        inOneSnapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.inItsOwnTransaction = new TransactionTemplate(transactionManager);
        inItsOwnTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
        // A rebuild whose instance died does not block the next one forever.
        jdbc.update(
                "UPDATE projection_rebuild SET phase = 'Failed', finished_at = now(), message = "
                        + "'abandoned: its instance stopped reporting progress' WHERE finished_at IS NULL "
                        + "AND heartbeat < now() - make_interval(secs => ?)",
                STALE.toSeconds());
        long id;
        try {
            id = inOneTransaction.execute(tx -> {
                Long next = jdbc.queryForObject("SELECT coalesce(max(id), 0) + 1 FROM projection_rebuild", Long.class);
                jdbc.update(
                        "INSERT INTO projection_rebuild (id, requested_by, verify_only, phase, started_at, heartbeat, "
                                + "events_total) VALUES (?, ?, ?, 'Replaying', now(), now(), ?)",
                        next,
                        requestedBy,
                        verifyOnly,
                        new EventLog(jdbc).events());
                return next;
            });
        } catch (DuplicateKeyException e) {
            throw new AlreadyRunning(running().map(Status::id).orElse(0L));
        }
        runner.submit(() -> run(id, verifyOnly));
        return get(id).orElseThrow();
    }

    public Optional<Status> get(long id) {
        return jdbc.query("SELECT * FROM projection_rebuild WHERE id = ?", (rs, i) -> status(rs), id).stream()
                .findFirst();
    }

    /** The newest rebuilds first. */
    public List<Status> list(int limit) {
        return jdbc.query("SELECT * FROM projection_rebuild ORDER BY id DESC LIMIT ?", (rs, i) -> status(rs), limit);
    }

    private Optional<Status> running() {
        return jdbc.query("SELECT * FROM projection_rebuild WHERE finished_at IS NULL", (rs, i) -> status(rs)).stream()
                .findFirst();
    }

    private Status status(java.sql.ResultSet rs) throws java.sql.SQLException {
        long done = rs.getLong("events_done");
        long total = rs.getLong("events_total");
        double rate = rs.getDouble("events_per_second");
        Timestamp finished = rs.getTimestamp("finished_at");
        Long eta = finished == null && rate > 0 && total >= done ? Math.round((total - done) / rate) : null;
        long switched = rs.getLong("switched_at");
        boolean hasSwitched = !rs.wasNull();
        String differences = rs.getString("differences");
        JsonNode diff;
        try {
            diff = differences == null ? null : json.readTree(differences);
        } catch (java.io.IOException e) {
            throw new java.sql.SQLException("unreadable differences", e);
        }
        return new Status(
                rs.getLong("id"),
                rs.getString("requested_by"),
                rs.getBoolean("verify_only"),
                rs.getString("phase"),
                rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(),
                done,
                total,
                rate,
                eta,
                hasSwitched ? switched : null,
                diff,
                rs.getString("message"));
    }

    private void run(long id, boolean verifyOnly) {
        Rebuild rebuild = new Rebuild(id);
        HikariDataSource rebuildTables = null;
        Replay replay = null;
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "projection-rebuild-heartbeat");
            t.setDaemon(true);
            return t;
        });
        // The row says the rebuild is alive for as long as it runs, whatever step it is in.
        beats.scheduleAtFixedRate(
                () -> safely(() -> jdbc.update(
                        "UPDATE projection_rebuild SET heartbeat = now() WHERE id = ? AND finished_at IS NULL", id)),
                5,
                5,
                TimeUnit.SECONDS);
        try {
            createTables(rebuild);
            List<String> secondaryIndexes = dropSecondaryIndexes(rebuild);
            rebuildTables = dataSourceForRebuildTables(rebuild);
            JdbcTemplate rebuildJdbc = new JdbcTemplate(rebuildTables);
            replay = new Replay(
                    rebuildJdbc, new SpringTransactionManager(new DataSourceTransactionManager(rebuildTables)));
            Progress progress = new Progress(id);

            // 1. Replay while the live read models go on.
            do {
                replay.read(null, progress);
            } while (head() - replay.position() > CATCH_UP_MARGIN);
            // Built once over the replayed rows rather than maintained row by row (the lookups of the replay
            // itself go by primary key).
            secondaryIndexes.forEach(jdbc::execute);

            // 2. Hold the live processors where they are, once they are at least as far as the replay.
            awaitLiveAt(replay.position());
            rebuild.holding = true;
            Map<String, GapAwareTrackingToken> live = hold(rebuild);
            beats.scheduleAtFixedRate(() -> renewClaims(rebuild), 2, 2, TimeUnit.SECONDS);
            for (Map.Entry<String, GapAwareTrackingToken> processor : live.entrySet()) {
                if (!replay.behind(processor.getValue())) {
                    throw new IllegalStateException("the replay read an event the live " + processor.getKey()
                            + " projection had not applied yet (one committed late); nothing was changed, try again");
                }
            }

            // 3. Exactly what each live processor had applied.
            replay.read(live, progress);
            progress.write(replay.applied);

            setPhase(id, "Verifying");
            if (verifyOnly) {
                // 4. Compare in one snapshot of the live tables taken while they are held; then let them go.
                ObjectNode differences = inOneSnapshot.execute(tx -> {
                    requireHeld(rebuild, live, false);
                    inItsOwnTransaction.executeWithoutResult(released -> release(rebuild));
                    return compare(rebuild);
                });
                saveDifferences(id, differences);
                finish(id, "Succeeded", null, "verified, not switched: " + summary(differences));
            } else {
                // 4 and 5. Compare, then replace what differs, all while held, in one transaction.
                setPhase(id, "Switching");
                long at = live.values().stream()
                        .mapToLong(GapAwareTrackingToken::getIndex)
                        .max()
                        .orElse(0);
                ObjectNode differences = inOneTransaction.execute(tx -> switchOver(rebuild, live));
                saveDifferences(id, differences);
                finish(id, "Succeeded", at, "switched at revision " + at + ": " + summary(differences));
            }
        } catch (RuntimeException | InterruptedException e) {
            log.warn("rebuild {} failed", id, e);
            safely(() -> finish(id, "Failed", null, e.getMessage() == null ? e.toString() : e.getMessage()));
        } finally {
            beats.shutdownNow();
            if (replay != null) {
                replay.close();
            }
            safely(() -> release(rebuild));
            if (rebuildTables != null) {
                rebuildTables.close();
            }
            safely(() -> jdbc.execute("DROP SCHEMA IF EXISTS " + rebuild.schema + " CASCADE"));
        }
    }

    /** One rebuild's names: its tables' schema and the owner its held claims carry. */
    private static final class Rebuild {
        final long id;
        final String schema;
        final String owner;
        volatile boolean holding;
        /** Set when a renewal found a claim no longer held: the rebuild then stops before switching. */
        volatile String lost;

        Rebuild(long id) {
            this.id = id;
            this.schema = SCHEMA_PREFIX + id;
            this.owner = OWNER_PREFIX + id;
        }
    }

    private static void safely(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("rebuild clean-up step failed: {}", e.toString());
        }
    }

    /** Empty tables shaped like the live ones (keys, indexes, cascades), the horizon row copied. */
    private void createTables(Rebuild rebuild) {
        String schema = rebuild.schema;
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + schema);
        for (Table t : ReadModels.tables()) {
            jdbc.execute("CREATE TABLE " + schema + "." + t.name() + " (LIKE public." + t.name()
                    + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
        }
        for (Table t : ReadModels.tables()) {
            for (String foreignKey : jdbc.queryForList(
                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                            + "WHERE conrelid = ?::regclass AND contype = 'f'",
                    String.class,
                    "public." + t.name())) {
                jdbc.execute("ALTER TABLE " + schema + "." + t.name() + " ADD "
                        + foreignKey.replaceAll("REFERENCES (public\\.)?", "REFERENCES " + schema + "."));
            }
        }
        jdbc.update("INSERT INTO " + schema + ".node_stream_horizon SELECT * FROM public.node_stream_horizon");
    }

    /**
     * Drops the rebuilt tables' indexes other than their keys, answering the statements that create them
     * again: a bulk replay into tables without them, and one build of each index at its end, is several
     * times faster than keeping them up to date through every write.
     */
    private List<String> dropSecondaryIndexes(Rebuild rebuild) {
        List<Map<String, Object>> indexes = jdbc.queryForList("""
                SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ? AND NOT i.indisprimary AND NOT i.indisunique""", rebuild.schema);
        List<String> definitions = new ArrayList<>();
        for (Map<String, Object> index : indexes) {
            jdbc.execute("DROP INDEX " + rebuild.schema + "." + index.get("name"));
            definitions.add((String) index.get("definition"));
        }
        return definitions;
    }

    /** A small pool whose connections resolve the read models' table names to the rebuild's tables. */
    private HikariDataSource dataSourceForRebuildTables(Rebuild rebuild) {
        if (!(dataSource instanceof HikariDataSource live)) {
            throw new IllegalStateException("rebuilds need the server's own connection pool (Hikari)");
        }
        HikariConfig config = new HikariConfig();
        live.copyStateTo(config);
        config.setPoolName("projection-rebuild");
        // One connection per projection replayed side by side, and one to spare.
        config.setMaximumPoolSize(PROCESSORS.size() + 1);
        config.setMinimumIdle(0);
        // The replay's commits need not wait for the disk (a crash abandons the rebuild, which starts over),
        // and its batches of inserts go to PostgreSQL as multi-row statements.
        config.setConnectionInitSql("SET search_path TO " + rebuild.schema + ", public; SET synchronous_commit TO off");
        // copyStateTo shares the live pool's properties object: the rebuild's own copy is changed, not it.
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(config.getDataSourceProperties());
        properties.setProperty("reWriteBatchedInserts", "true");
        config.setDataSourceProperties(properties);
        return new HikariDataSource(config);
    }

    private long head() {
        return new EventLog(jdbc).head();
    }

    /** The live processors' tokens (a processor that never ran has none: then nothing to rebuild it from). */
    private Map<String, GapAwareTrackingToken> liveTokens() {
        Map<String, GapAwareTrackingToken> tokens = new LinkedHashMap<>();
        for (String processor : PROCESSORS) {
            List<GapAwareTrackingToken> found = jdbc.query(
                    "SELECT token, token_type FROM token_entry " + "WHERE processor_name = ? AND segment = 0",
                    (rs, i) -> rs.getBytes("token") == null
                            ? null
                            : (GapAwareTrackingToken) serializer.deserialize(new SimpleSerializedObject<>(
                                    rs.getBytes("token"),
                                    byte[].class,
                                    new SimpleSerializedType(rs.getString("token_type"), null))),
                    processor);
            if (found.isEmpty() || found.get(0) == null) {
                throw new IllegalStateException("the " + processor + " projection has not started yet");
            }
            tokens.put(processor, found.get(0));
        }
        return tokens;
    }

    private void awaitLiveAt(long position) throws InterruptedException {
        Instant deadline = clock.instant().plus(STALE);
        while (liveTokens().values().stream().anyMatch(t -> t.getIndex() < position)) {
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("the live projections did not reach revision " + position + " within "
                        + STALE.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Takes the live processors' claims: a batch of theirs in flight finishes first (it holds the token row)
     * or fails to store its token and rolls back, and none is claimed again while the claims are held.
     * Answers their tokens, as last committed.
     */
    private Map<String, GapAwareTrackingToken> hold(Rebuild rebuild) {
        inOneTransaction.executeWithoutResult(tx -> {
            int held = jdbc.update(
                    "UPDATE token_entry SET owner = ?, timestamp = ? WHERE processor_name = ANY (?)",
                    rebuild.owner,
                    heldUntil(),
                    PROCESSORS.toArray(String[]::new));
            if (held != PROCESSORS.size()) {
                throw new IllegalStateException("the live projections have " + held + " tokens, not "
                        + PROCESSORS.size() + " (one has not started yet)");
            }
        });
        return liveTokens();
    }

    private String heldUntil() {
        return DateTimeUtils.formatInstant(clock.instant().plus(HOLD_AHEAD));
    }

    private void renewClaims(Rebuild rebuild) {
        if (!rebuild.holding) {
            return;
        }
        try {
            int renewed =
                    jdbc.update("UPDATE token_entry SET timestamp = ? WHERE owner = ?", heldUntil(), rebuild.owner);
            if (renewed != PROCESSORS.size() && rebuild.holding) {
                rebuild.lost =
                        "a live projection took its claim back (" + renewed + " of " + PROCESSORS.size() + " held)";
            }
        } catch (RuntimeException e) {
            // The next renewal may succeed: the claims are held well ahead (HOLD_AHEAD).
            log.warn("rebuild {}: renewing the held claims failed: {}", rebuild.id, e.toString());
        }
    }

    /**
     * In the caller's transaction (locking the token rows and the rebuild's own row if asked): fails unless this
     * rebuild still holds every claim at the tokens it caught up to, and was not declared abandoned.
     */
    private void requireHeld(Rebuild rebuild, Map<String, GapAwareTrackingToken> live, boolean lock) {
        if (rebuild.lost != null) {
            throw new IllegalStateException(rebuild.lost + "; nothing was changed, try again");
        }
        List<String> owners = jdbc.queryForList(
                "SELECT owner FROM token_entry WHERE processor_name = ANY (?)" + (lock ? " FOR UPDATE" : ""),
                String.class,
                (Object) PROCESSORS.toArray(String[]::new));
        if (owners.size() != PROCESSORS.size()
                || !owners.stream().allMatch(rebuild.owner::equals)
                || !liveTokens().equals(live)) {
            throw new IllegalStateException("a live projection took its claim back; nothing was changed, try again");
        }
        List<Long> running = jdbc.queryForList(
                "SELECT id FROM projection_rebuild WHERE id = ? AND finished_at IS NULL" + (lock ? " FOR UPDATE" : ""),
                Long.class,
                rebuild.id);
        if (running.isEmpty()) {
            throw new IllegalStateException("this rebuild was declared abandoned; nothing was changed");
        }
    }

    private void release(Rebuild rebuild) {
        rebuild.holding = false;
        jdbc.update("UPDATE token_entry SET owner = NULL WHERE owner = ?", rebuild.owner);
    }

    /** Per compared table: how many rows only the live or only the rebuilt tables hold, with examples. */
    private ObjectNode compare(Rebuild rebuild) {
        ObjectNode out = json.createObjectNode();
        for (Table t : ReadModels.tables()) {
            if (t.compared() == null) {
                continue;
            }
            String live = "SELECT " + t.compared() + " FROM public." + t.name();
            String rebuilt = "SELECT " + t.compared() + " FROM " + rebuild.schema + "." + t.name();
            ObjectNode table = out.putObject(t.name());
            table.put("onlyLive", count(live + " EXCEPT ALL " + rebuilt));
            table.put("onlyRebuilt", count(rebuilt + " EXCEPT ALL " + live));
            ArrayNode examples = table.putArray("examples");
            jdbc.queryForList(
                            "SELECT 'live: ' || row_to_json(d)::text FROM (" + live + " EXCEPT ALL " + rebuilt
                                    + ") d LIMIT 3",
                            String.class)
                    .forEach(examples::add);
            jdbc.queryForList(
                            "SELECT 'rebuilt: ' || row_to_json(d)::text FROM (" + rebuilt + " EXCEPT ALL " + live
                                    + ") d LIMIT 3",
                            String.class)
                    .forEach(examples::add);
        }
        return out;
    }

    private long count(String query) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM (" + query + ") d", Long.class);
        return n == null ? 0 : n;
    }

    private static String summary(ObjectNode differences) {
        List<String> differing = new ArrayList<>();
        differences.fields().forEachRemaining(e -> {
            long live = e.getValue().path("onlyLive").asLong();
            long rebuilt = e.getValue().path("onlyRebuilt").asLong();
            if (live + rebuilt > 0) {
                differing.add(e.getKey() + " (" + live + " rows only live, " + rebuilt + " only rebuilt)");
            }
        });
        return differing.isEmpty()
                ? "the rebuilt read models equal the live ones"
                : "differences in " + String.join(", ", differing);
    }

    /**
     * In the caller's transaction, with the claims held: compares, then replaces what differs (rows only
     * live go, rows only rebuilt come, matched on whole rows and removed by key), moves the agents' stream
     * horizon past the switch and gives the claims back. Answers the comparison.
     */
    private ObjectNode switchOver(Rebuild rebuild, Map<String, GapAwareTrackingToken> live) {
        // The horizon row first: the node stream's compaction locks it before node_presence, and so does this.
        jdbc.queryForList("SELECT generation FROM public.node_stream_horizon FOR UPDATE", Integer.class);
        requireHeld(rebuild, live, true);
        ObjectNode differences = compare(rebuild);
        List<Table> switched =
                ReadModels.tables().stream().filter(Table::switched).toList();
        for (int i = switched.size() - 1; i >= 0; i--) {
            Table t = switched.get(i);
            String key = String.join(", ", primaryKey(t.name()));
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
        release(rebuild);
        return differences;
    }

    private List<String> primaryKey(String table) {
        return jdbc.queryForList(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                        + "AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY a.attnum",
                String.class,
                "public." + table);
    }

    private void saveDifferences(long id, ObjectNode differences) {
        jdbc.update(
                "UPDATE projection_rebuild SET differences = ?::jsonb, heartbeat = now() WHERE id = ?",
                differences.toString(),
                id);
    }

    private void setPhase(long id, String phase) {
        jdbc.update("UPDATE projection_rebuild SET phase = ?, heartbeat = now() WHERE id = ?", phase, id);
    }

    private void finish(long id, String phase, Long switchedAt, String message) {
        jdbc.update(
                "UPDATE projection_rebuild SET phase = ?, finished_at = now(), heartbeat = now(), switched_at = ?, "
                        + "message = ? WHERE id = ?",
                phase,
                switchedAt,
                message,
                id);
    }

    /** Progress as the replay goes, written at most once a second. */
    private final class Progress {
        private final long id;
        private final long startedNanos = System.nanoTime();
        private long writtenNanos;

        /** The log's head when the replay began, and how many events it held then: the total grows from there. */
        private final long startHead;

        private final long startEvents;

        Progress(long id) {
            this.id = id;
            EventLog log = new EventLog(jdbc);
            this.startHead = log.head();
            this.startEvents = log.events();
        }

        void applied(long done) {
            if (System.nanoTime() - writtenNanos >= 1_000_000_000L) {
                write(done);
            }
        }

        void write(long done) {
            long now = System.nanoTime();
            writtenNanos = now;
            double rate = done / Math.max(1e-9, (now - startedNanos) / 1e9);
            // Events, not revisions (after a restore's jump the two differ by a billion); the events written
            // since the replay began are replayed too, so the total follows them.
            long total = startEvents + new EventLog(jdbc).eventsAfter(startHead);
            jdbc.update(
                    "UPDATE projection_rebuild SET events_done = ?, events_total = greatest(?, ?), "
                            + "events_per_second = ?, heartbeat = now() WHERE id = ?",
                    done,
                    done,
                    total,
                    rate,
                    id);
        }
    }

    /** The projections' own code applying events to the rebuild's tables, batch by batch, each in a transaction. */
    private final class Replay {
        private final Map<String, AnnotationEventHandlerAdapter> projections = new LinkedHashMap<>();
        private final TransactionManager transactions;
        private final ExecutorService workers = Executors.newFixedThreadPool(PROCESSORS.size(), r -> {
            Thread t = new Thread(r, "rebuild-replay");
            t.setDaemon(true);
            return t;
        });
        private GapAwareTrackingToken token;
        private long applied;

        Replay(JdbcTemplate tables, TransactionManager transactions) {
            this.transactions = transactions;
            for (ReadModel model : ReadModels.ALL) {
                projections.put(
                        model.name(),
                        new AnnotationEventHandlerAdapter(model.writingTo().apply(tables)));
            }
        }

        long position() {
            return token == null ? 0 : token.getIndex();
        }

        /** Whether every event this replay applied, the live processor at {@code live} had applied too. */
        boolean behind(GapAwareTrackingToken live) {
            if (token == null) {
                return true;
            }
            if (token.getIndex() > live.getIndex()) {
                return false;
            }
            return live.getGaps().stream().filter(g -> g <= token.getIndex()).allMatch(token.getGaps()::contains);
        }

        /**
         * Applies what was stored after this replay's position; with {@code live}, only the events each live
         * processor had applied, to that processor's projection, and nothing past the furthest of them.
         */
        void read(Map<String, GapAwareTrackingToken> live, Progress progress) {
            long end = live == null
                    ? Long.MAX_VALUE
                    : live.values().stream()
                            .mapToLong(GapAwareTrackingToken::getIndex)
                            .max()
                            .orElse(0);
            List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
            List<Long> indexes = new ArrayList<>(BATCH);
            GapAwareTrackingToken previous = token;
            try (Stream<? extends TrackedEventMessage<?>> log = events.readEvents(token, false)) {
                Iterator<? extends TrackedEventMessage<?>> it = log.iterator();
                while (it.hasNext()) {
                    TrackedEventMessage<?> event = it.next();
                    GapAwareTrackingToken after = (GapAwareTrackingToken) event.trackingToken();
                    long index = ownIndex(previous, after);
                    if (index > end) {
                        break;
                    }
                    previous = after;
                    batch.add(event);
                    indexes.add(index);
                    if (batch.size() == BATCH) {
                        apply(batch, indexes, live, progress);
                    }
                }
            }
            if (!batch.isEmpty()) {
                apply(batch, indexes, live, progress);
            }
        }

        private void apply(
                List<TrackedEventMessage<?>> batch,
                List<Long> indexes,
                Map<String, GapAwareTrackingToken> live,
                Progress progress) {
            // Read here, once: the projections then apply the batch side by side, each on its own thread and
            // connection, so the database writes of one overlap the work of the others.
            batch.forEach(event -> {
                event.getPayload();
                event.getMetaData();
            });
            List<java.util.concurrent.Future<?>> applying = new ArrayList<>();
            for (Map.Entry<String, AnnotationEventHandlerAdapter> projection : projections.entrySet()) {
                GapAwareTrackingToken liveToken = live == null ? null : live.get(projection.getKey());
                applying.add(workers.submit(() -> applyTo(projection.getValue(), batch, indexes, live, liveToken)));
            }
            for (java.util.concurrent.Future<?> one : applying) {
                try {
                    one.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while replaying", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(
                            "replay failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            token = (GapAwareTrackingToken) batch.get(batch.size() - 1).trackingToken();
            applied += batch.size();
            batch.clear();
            indexes.clear();
            progress.applied(applied);
        }

        /** One projection's share of a batch, in a transaction of its own. */
        private void applyTo(
                AnnotationEventHandlerAdapter projection,
                List<TrackedEventMessage<?>> batch,
                List<Long> indexes,
                Map<String, GapAwareTrackingToken> live,
                GapAwareTrackingToken liveToken) {
            BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
            unitOfWork.attachTransaction(transactions);
            int[] next = {0};
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                TrackedEventMessage<?> event = unitOfWork.getMessage();
                long index = indexes.get(next[0]++);
                if (live == null || applied(liveToken, index)) {
                    projection.handle(event);
                }
                return null;
            });
            if (result.isExceptional()) {
                throw new IllegalStateException(result.exceptionResult().getMessage(), result.exceptionResult());
            }
        }

        void close() {
            workers.shutdownNow();
        }
    }

    /** Whether the live processor at {@code live} had applied the event stored at {@code index}. */
    private static boolean applied(GapAwareTrackingToken live, long index) {
        return index <= live.getIndex() && !live.getGaps().contains(index);
    }

    /**
     * The global index of the event that moved the stream's token from {@code before} to {@code after}: the new
     * head, or the gap it filled (a tracked message carries the stream's position, not its own index).
     */
    static long ownIndex(TrackingToken before, GapAwareTrackingToken after) {
        if (!(before instanceof GapAwareTrackingToken previous) || after.getIndex() > previous.getIndex()) {
            return after.getIndex();
        }
        return previous.getGaps().stream()
                .filter(g -> !after.getGaps().contains(g))
                .findFirst()
                .orElse(after.getIndex());
    }
}
