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

    private record Gap(long restoredHead, long continuesAt) {}

    private final JdbcTemplate jdbc;
    /**
     * Read once: a restore is finished before any instance serves (LogRestore runs at start, before the
     * projections and the web server), so the gaps cannot change while this instance runs. Resumes come in
     * storms (every agent after a failover); they do not each ask the database.
     */
    private volatile List<Gap> gaps;

    RestoredRevisions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The restored head, if {@code revision} lies in the gap a restore left above it. */
    public Optional<Long> lostAbove(long revision) {
        return gaps().stream()
                .filter(g -> g.restoredHead() < revision && revision < g.continuesAt())
                .map(Gap::restoredHead)
                .findFirst();
    }

    private List<Gap> gaps() {
        List<Gap> known = gaps;
        if (known == null) {
            known = jdbc.query(
                    "SELECT restored_head, continues_at FROM log_restore WHERE finished_at IS NOT NULL",
                    (rs, i) -> new Gap(rs.getLong(1), rs.getLong(2)));
            gaps = known;
        }
        return known;
    }

    /** The answer's message for a resume from a lost revision. */
    public static String lostMessage(long revision, long restoredHead) {
        return "resource version " + revision + " is not in the log: it was restored from a backup up to revision "
                + restoredHead + "; list again";
    }
}
