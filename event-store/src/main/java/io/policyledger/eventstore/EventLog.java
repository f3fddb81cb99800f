package io.policyledger.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Questions about the event log as a whole, asked in one place: where its head is, and how many events
 * lie past a position. Revisions are global indexes; they are not a count of events, since a restore
 * (V14__log_restore.sql) makes the log jump far past its restored head, and a rolled-back append leaves
 * an index unused.
 */
@Component
public class EventLog {

    /** The head, as an expression for statements that must read it in their own snapshot (0: empty log). */
    public static final String HEAD_SQL = "(SELECT coalesce(max(global_index), 0) FROM domain_event_entry)";

    private final JdbcTemplate jdbc;

    public EventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest event's revision (0 for an empty log): what a reader must reach to have everything. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT " + HEAD_SQL, Long.class);
        return head == null ? 0 : head;
    }

    /**
     * How many events were stored after revision {@code position}: the revisions in between less those a
     * restore skipped (an append rolled back also leaves one unused; it is counted). Computed from the head
     * and the restores, not by counting rows: a reader far behind would otherwise cost a scan per question.
     */
    public long eventsAfter(long position) {
        return eventsBetween(position, head());
    }

    /** As {@link #eventsAfter}, up to a head the caller has read already (for several positions at once). */
    public long eventsBetween(long position, long head) {
        if (position >= head) {
            return 0;
        }
        Long count = jdbc.queryForObject("""
                SELECT greatest(0, ? - ? - coalesce((
                    SELECT sum(greatest(0, least(r.continues_at - 1, ?) - greatest(r.restored_head, ?)))
                    FROM log_restore r WHERE r.finished_at IS NOT NULL), 0))""", Long.class, head, position, head, position);
        return count == null ? 0 : count;
    }

    /** How many events the log holds (counted: for totals, not for questions asked every second). */
    public long events() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }
}
