package io.policyledger.query.effective;

import io.policyledger.core.namespace.NamespaceLabels;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The fleet's convergence: which revision each node's agent reports it has enforced, and whether that
 * is enough for a given revision. A node enforces revision R when its agent reported R or later, or
 * reported an earlier revision after which nothing on its stream changed up to R (the rules it
 * enforces are the rules of R).
 *
 * <p>Agents' reports ({@code node_status}) are kept beside the rules' tables they are compared with, by
 * the module that writes those tables: the API only passes reports on and shows the answers.
 */
@Component
public class NodeFleet {

    /** A node as the fleet view shows it; {@code pods} counts the pods the caller may see. */
    public record NodeState(
            String name,
            int pods,
            Long enforcedRevision,
            String reportedBy,
            Instant lastContact,
            String message,
            boolean enforces) {}

    private final JdbcTemplate jdbc;

    public NodeFleet(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void report(String node, long revision, String reportedBy, String message, Instant at) {
        jdbc.update("""
                INSERT INTO node_status (node, enforced_revision, reported_by, last_contact, message) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (node) DO UPDATE SET enforced_revision = EXCLUDED.enforced_revision,
                  reported_by = EXCLUDED.reported_by, last_contact = EXCLUDED.last_contact, message = EXCLUDED.message
                """, node, revision, reportedBy, Timestamp.from(at), message);
    }

    /**
     * Every node (with pods, or whose agent reported), or, for a tenant, the nodes running its pods;
     * {@code enforces} says whether the node enforces {@code revision}.
     */
    public List<NodeState> nodes(String tenant, String onlyNode, long revision) {
        String podsOf = tenant == null
                ? "SELECT node, count(*) AS pods FROM effective_rule_set WHERE node IS NOT NULL " + "GROUP BY node"
                : "SELECT r.node, count(*) AS pods FROM effective_rule_set r JOIN effective_input n "
                        + "ON n.kind = 'NAMESPACE' AND n.namespace = '' AND n.name = r.namespace "
                        + "AND n.document -> 'labels' ->> '" + NamespaceLabels.TENANT + "' = ? "
                        + "WHERE r.node IS NOT NULL GROUP BY r.node";
        String nodes =
                tenant == null ? "SELECT node FROM pods UNION SELECT node FROM node_status" : "SELECT node FROM pods";
        String sql = "WITH pods AS (" + podsOf + "), fleet AS (" + nodes + ") " + """
                SELECT f.node, coalesce(p.pods, 0) AS pods, s.enforced_revision, s.reported_by, s.last_contact, s.message,
                  s.enforced_revision IS NOT NULL AND (s.enforced_revision >= ? OR NOT (
                    EXISTS (SELECT 1 FROM effective_rule_set r WHERE r.node = f.node
                            AND r.revision > s.enforced_revision AND r.revision <= ?)
                    OR EXISTS (SELECT 1 FROM node_presence t WHERE t.node = f.node
                            AND t.revision > s.enforced_revision AND t.revision <= ?)
                    OR EXISTS (SELECT 1 FROM node_peer_set n JOIN effective_peer_set e ON e.id = n.peer_set_id
                            WHERE n.node = f.node AND ((e.revision > s.enforced_revision AND e.revision <= ?)
                              OR (n.since > s.enforced_revision AND n.since <= ?))))) AS enforces
                FROM fleet f LEFT JOIN pods p ON p.node = f.node LEFT JOIN node_status s ON s.node = f.node
                WHERE (?::text IS NULL OR f.node = ?) ORDER BY f.node
                """;
        Object[] tail = {revision, revision, revision, revision, revision, onlyNode, onlyNode};
        Object[] args = tenant == null ? tail : prepend(tenant, tail);
        return jdbc.query(sql, this::state, args);
    }

    private NodeState state(ResultSet rs, int row) throws SQLException {
        long enforced = rs.getLong("enforced_revision");
        Long enforcedRevision = rs.wasNull() ? null : enforced;
        Timestamp contact = rs.getTimestamp("last_contact");
        return new NodeState(
                rs.getString("node"),
                rs.getInt("pods"),
                enforcedRevision,
                rs.getString("reported_by"),
                contact == null ? null : contact.toInstant(),
                rs.getString("message"),
                rs.getBoolean("enforces"));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] out = new Object[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
