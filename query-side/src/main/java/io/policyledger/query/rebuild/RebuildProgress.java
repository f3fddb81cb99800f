package io.policyledger.query.rebuild;

import io.policyledger.eventstore.EventLog;
import org.springframework.jdbc.core.JdbcTemplate;

/** A rebuild's progress as the replay goes, written to its row at most once a second. */
final class RebuildProgress {
    private final JdbcTemplate jdbc;
    private final long id;
    private final long startedNanos = System.nanoTime();
    private long writtenNanos;

    /** The log's head when the replay began, and how many events it held then: the total grows from there. */
    private final long startHead;

    private final long startEvents;

    RebuildProgress(JdbcTemplate jdbc, long id) {
        this.jdbc = jdbc;
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
