package io.policyledger.query.history;

import io.policyledger.eventstore.EventsInOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The state of everything as of a past revision: the nearest snapshot at or before it, then the events
 * after the snapshot up to the revision, read through the event store (so older stored forms are upcast
 * as for any reader). The cost is bounded by the snapshot interval and the state's size, not by the
 * length of the history. The few states asked last are kept, since paging through a past list asks for
 * the same revision again.
 */
@Component
public class LogHistory {

    private static final Logger log = LoggerFactory.getLogger(LogHistory.class);
    private static final int CACHED_STATES = 4;
    private final Semaphore building = new Semaphore(2, true);
    private final EventStorageEngine events;
    private final JdbcTemplate jdbc;
    private final Map<Long, PastState> recent = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, PastState> eldest) {
            return size() > CACHED_STATES;
        }
    };

    LogHistory(EventStorageEngine events, JdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    /** Everything stored up to and including {@code revision}. */
    public PastState at(long revision) {
        PastState cached = cached(revision);
        if (cached != null) {
            return cached;
        }
        // A state is the whole cluster's: at most two are built at a time, the other askers wait their turn.
        building.acquireUninterruptibly();
        try {
            return build(revision);
        } finally {
            building.release();
        }
    }

    private PastState build(long revision) {
        PastState cached = cached(revision);
        if (cached != null) {
            return cached;
        }
        long t0 = System.nanoTime();
        PastState state = latestSnapshot(revision).orElseGet(PastState::empty);
        long t1 = System.nanoTime();
        long snapshotAt = state.revision();
        replay(state, revision);
        if (log.isDebugEnabled()) {
            log.debug(
                    "revision {}: snapshot at {} loaded in {} ms, {} events replayed in {} ms",
                    revision,
                    snapshotAt,
                    (t1 - t0) / 1_000_000,
                    state.eventsApplied(),
                    (System.nanoTime() - t1) / 1_000_000);
        }
        state.reachedRevision(revision);
        synchronized (recent) {
            recent.put(revision, state);
        }
        return state;
    }

    private PastState cached(long revision) {
        synchronized (recent) {
            return recent.get(revision);
        }
    }

    /** Applies the events after the state's position, up to and including {@code revision}. */
    void replay(PastState state, long revision) {
        replay(state, revision, s -> {});
    }

    /** As {@link #replay(PastState, long)}, telling {@code afterEach} after every event. */
    void replay(PastState state, long revision, Consumer<PastState> afterEach) {
        EventsInOrder.forEach(events, state.token(), revision, event -> {
            state.apply(event);
            afterEach.accept(state);
        });
    }

    /** The newest snapshot at or before {@code revision}, of this form. */
    Optional<PastState> latestSnapshot(long revision) {
        List<PastState> found = jdbc.query(
                "SELECT revision, gaps, objects_state, inputs_state FROM history_snapshot "
                        + "WHERE revision <= ? AND format = ? ORDER BY revision DESC LIMIT 1",
                (rs, i) -> PastState.fromSnapshot(
                        rs.getLong("revision"),
                        Set.of((Long[]) rs.getArray("gaps").getArray()),
                        rs.getBytes("objects_state"),
                        rs.getBytes("inputs_state")),
                revision,
                PastState.FORMAT);
        return found.stream().findFirst();
    }

    /** The revision of the newest snapshot of this form (0: none). */
    long newestSnapshotRevision() {
        Long newest = jdbc.queryForObject(
                "SELECT coalesce(max(revision), 0) FROM history_snapshot WHERE format = ?",
                Long.class,
                PastState.FORMAT);
        return newest == null ? 0 : newest;
    }

    void store(PastState state) {
        jdbc.update(connection -> {
            var insert = connection.prepareStatement("INSERT INTO history_snapshot (revision, gaps, format, objects, "
                    + "objects_state, inputs_state) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (revision) DO NOTHING");
            insert.setLong(1, state.revision());
            insert.setArray(2, connection.createArrayOf("bigint", state.gaps().toArray()));
            insert.setInt(3, PastState.FORMAT);
            insert.setInt(4, state.objectCount());
            insert.setBytes(5, state.objectsPart());
            insert.setBytes(6, state.inputsPart());
            return insert;
        });
    }
}
