package io.policyledger.query.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.eventstore.EventLog;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rebuilds' rows ({@code projection_rebuild}): one per rebuild, with its phase, progress and outcome,
 * so that any instance can answer how far one is; at most one unfinished (a unique index), and one whose
 * heartbeat stopped is declared abandoned before the next starts.
 */
final class RebuildLedger {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate inOneTransaction;
    private final ObjectMapper json = new ObjectMapper();

    RebuildLedger(JdbcTemplate jdbc, TransactionTemplate inOneTransaction) {
        this.jdbc = jdbc;
        this.inOneTransaction = inOneTransaction;
    }

    /**
     * A new rebuild's row, in phase Replaying.
     *
     * @throws ProjectionRebuild.AlreadyRunning if one runs (on any instance)
     */
    long open(String requestedBy, boolean verifyOnly) {
        // A rebuild whose instance died does not block the next one forever.
        jdbc.update(
                "UPDATE projection_rebuild SET phase = 'Failed', finished_at = now(), message = "
                        + "'abandoned: its instance stopped reporting progress' WHERE finished_at IS NULL "
                        + "AND heartbeat < now() - make_interval(secs => ?)",
                ProjectionRebuild.STALE.toSeconds());
        try {
            return inOneTransaction.execute(tx -> {
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
            throw new ProjectionRebuild.AlreadyRunning(
                    running().map(ProjectionRebuild.Status::id).orElse(0L));
        }
    }

    /** The row says the rebuild is alive. */
    void heartbeat(long id) {
        jdbc.update("UPDATE projection_rebuild SET heartbeat = now() WHERE id = ? AND finished_at IS NULL", id);
    }

    Optional<ProjectionRebuild.Status> get(long id) {
        return jdbc.query("SELECT * FROM projection_rebuild WHERE id = ?", (rs, i) -> status(rs), id).stream()
                .findFirst();
    }

    /** The newest rebuilds first. */
    List<ProjectionRebuild.Status> list(int limit) {
        return jdbc.query("SELECT * FROM projection_rebuild ORDER BY id DESC LIMIT ?", (rs, i) -> status(rs), limit);
    }

    private Optional<ProjectionRebuild.Status> running() {
        return jdbc.query("SELECT * FROM projection_rebuild WHERE finished_at IS NULL", (rs, i) -> status(rs)).stream()
                .findFirst();
    }

    private ProjectionRebuild.Status status(java.sql.ResultSet rs) throws java.sql.SQLException {
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
        return new ProjectionRebuild.Status(
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

    void saveDifferences(long id, ObjectNode differences) {
        jdbc.update(
                "UPDATE projection_rebuild SET differences = ?::jsonb, heartbeat = now() WHERE id = ?",
                differences.toString(),
                id);
    }

    void setPhase(long id, String phase) {
        jdbc.update("UPDATE projection_rebuild SET phase = ?, heartbeat = now() WHERE id = ?", phase, id);
    }

    void finish(long id, String phase, Long switchedAt, String message) {
        jdbc.update(
                "UPDATE projection_rebuild SET phase = ?, finished_at = now(), heartbeat = now(), switched_at = ?, "
                        + "message = ? WHERE id = ?",
                phase,
                switchedAt,
                message,
                id);
    }
}
