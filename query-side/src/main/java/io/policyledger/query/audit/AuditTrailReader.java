package io.policyledger.query.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the audit trail: entries of the {@code audit-trail} index joined with the events themselves (and,
 * for a change to an existing object, the object's previous event), in revision order, by filter.
 */
@Component
public class AuditTrailReader {

    private final JdbcTemplate jdbc;

    AuditTrailReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What to select; a null field selects everything. {@code tenant} is whose objects (at the time). */
    public record Filter(
            Long fromRevision,
            Long toRevision,
            Instant since,
            Instant until,
            String actor,
            String kind,
            String namespace,
            String name,
            String type,
            String tenant) {}

    /** One stored event as the trail shows it; {@code previousPayload} is the object's event before it. */
    public record Entry(
            long revision,
            Instant time,
            String actor,
            String role,
            String actorTenant,
            String requestId,
            String source,
            String type,
            String kind,
            String namespace,
            String name,
            String tenant,
            String payloadType,
            byte[] payload,
            byte[] previousPayload) {}

    /** Up to {@code limit} entries after revision {@code after} that pass {@code filter}. */
    public List<Entry> read(Filter filter, long after, int limit) {
        StringBuilder where = new StringBuilder("a.revision > ?");
        List<Object> args = new ArrayList<>(List.of(after));
        condition(where, args, "a.revision >= ?", filter.fromRevision());
        condition(where, args, "a.revision <= ?", filter.toRevision());
        condition(where, args, "a.time >= ?", filter.since() == null ? null : Timestamp.from(filter.since()));
        condition(where, args, "a.time < ?", filter.until() == null ? null : Timestamp.from(filter.until()));
        condition(where, args, "a.actor = ?", filter.actor());
        condition(where, args, "a.kind = ?", filter.kind());
        condition(where, args, "a.namespace = ?", filter.namespace());
        condition(where, args, "a.name = ?", filter.name());
        condition(where, args, "a.type = ?", filter.type());
        condition(where, args, "a.tenant = ?", filter.tenant());
        args.add(limit);
        return jdbc.query(
                """
                SELECT a.*, e.payload_type, e.payload,
                  (SELECT p.payload FROM domain_event_entry p WHERE p.aggregate_identifier = e.aggregate_identifier
                     AND p.sequence_number < e.sequence_number ORDER BY p.sequence_number DESC LIMIT 1) AS previous
                FROM audit_event a JOIN domain_event_entry e ON e.global_index = a.revision
                WHERE %s ORDER BY a.revision LIMIT ?""".formatted(where),
                (rs, i) -> new Entry(
                        rs.getLong("revision"),
                        rs.getTimestamp("time").toInstant(),
                        rs.getString("actor"),
                        rs.getString("role"),
                        rs.getString("actor_tenant"),
                        rs.getString("request_id"),
                        rs.getString("source"),
                        rs.getString("type"),
                        rs.getString("kind"),
                        rs.getString("namespace"),
                        rs.getString("name"),
                        rs.getString("tenant"),
                        rs.getString("payload_type"),
                        rs.getBytes("payload"),
                        rs.getBytes("previous")),
                args.toArray());
    }

    private static void condition(StringBuilder where, List<Object> args, String sql, Object value) {
        if (value != null) {
            where.append(" AND ").append(sql);
            args.add(value);
        }
    }
}
