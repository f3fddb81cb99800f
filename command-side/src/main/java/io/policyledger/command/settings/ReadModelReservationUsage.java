package io.policyledger.command.settings;

import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.eventstore.EventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link ReservationUsage} answered from the current-objects read model, once that model has applied every
 * event committed so far. Called by the settings change while it holds the exclusive lock on the
 * platform rules, so no label write can commit in between and the answer is complete. (The command
 * side reading a read model is deliberate here: the question is about all objects' current labels,
 * which no single aggregate knows.)
 */
@Component
class ReadModelReservationUsage implements ReservationUsage {

    private static final long WAIT_MILLIS = 10_000;

    private final JdbcTemplate jdbc;

    ReadModelReservationUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> objectsCarrying(Set<String> keys, int limit) {
        if (keys.isEmpty()) {
            return List.of();
        }
        awaitReadModel();
        StringBuilder sql = new StringBuilder(
                "SELECT kind, namespace, name FROM current_object WHERE kind IN ('NAMESPACE', 'POD') AND (false");
        List<Object> args = new ArrayList<>();
        for (String key : keys) {
            sql.append(" OR (labels ->> ?) IS NOT NULL");
            args.add(key);
        }
        sql.append(") ORDER BY kind, namespace, name LIMIT ?");
        args.add(limit);
        return jdbc.query(
                sql.toString(),
                (rs, i) -> rs.getString("kind").equals("NAMESPACE")
                        ? "namespaces/" + rs.getString("name")
                        : "pods/" + rs.getString("namespace") + "/" + rs.getString("name"),
                args.toArray());
    }

    @Override
    public List<String> namespacesMatching(Set<String> patterns, int limit) {
        if (patterns.isEmpty()) {
            return List.of();
        }
        awaitReadModel();
        StringBuilder sql = new StringBuilder("SELECT name FROM current_object WHERE kind = 'NAMESPACE' AND (false");
        List<Object> args = new ArrayList<>();
        for (String pattern : patterns) {
            // Patterns are DNS-1123 names or prefixes (validated), so they hold no LIKE wildcards of their own.
            sql.append(pattern.endsWith("*") ? " OR name LIKE ?" : " OR name = ?");
            args.add(pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) + "%" : pattern);
        }
        sql.append(") ORDER BY name LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> "namespaces/" + rs.getString("name"), args.toArray());
    }

    private void awaitReadModel() {
        long newest = new EventLog(jdbc).head();
        // A wait is measured on the monotonic clock (not an injectable Clock, which a test may fix).
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (true) {
            List<Long> position = jdbc.queryForList(
                    "SELECT position FROM projection_position WHERE projection = 'current-objects'", Long.class);
            if (!position.isEmpty() && position.get(0) >= newest || newest == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ObjectConflictException(
                        ObjectKey.clusterSettings("default"),
                        "cannot check which objects the new rules would cover yet (the read model is behind); retry");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
