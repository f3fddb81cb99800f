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

    /** How many events were stored after revision {@code position}. */
    public long eventsAfter(long position) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE global_index > ?", Long.class, position);
        return count == null ? 0 : count;
    }
}
