package io.policyledger.eventstore;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Revisions a restore of the log skipped (V14__log_restore.sql): above the head the dump held, below the
 * revision the log continued at. A client holding one saw a change that the restore lost, or one that
 * never existed; a watch cannot resume from it (410), the client lists again.
 */
@Component
public class RestoredRevisions {

    private final JdbcTemplate jdbc;

    RestoredRevisions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The restored head, if {@code revision} lies in the gap a restore left above it. */
    public Optional<Long> lostAbove(long revision) {
        List<Long> head = jdbc.queryForList(
                "SELECT restored_head FROM log_restore WHERE restored_head < ? AND ? < continues_at",
                Long.class,
                revision,
                revision);
        return head.stream().findFirst();
    }

    /** The answer's message for a resume from a lost revision. */
    public static String lostMessage(long revision, long restoredHead) {
        return "resource version " + revision + " is not in the log: it was restored from a backup up to revision "
                + restoredHead + "; list again";
    }
}
