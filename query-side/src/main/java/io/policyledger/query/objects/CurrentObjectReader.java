package io.policyledger.query.objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.core.namespace.NamespaceLabels;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.selector.Requirement;
import io.policyledger.query.position.ProjectionPositions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads of the current-objects read model: one object, or a page of a list filtered by namespace and
 * label selector, ordered by (namespace, name).
 */
@Component
public class CurrentObjectReader {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final ProjectionPositions positions;
    private final TransactionTemplate snapshot;
    private final ObjectMapper json = new ObjectMapper();

    public CurrentObjectReader(
            JdbcTemplate jdbc, ProjectionPositions positions, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.snapshot = new TransactionTemplate(transactionManager);
        // The position and the rows must come from one snapshot, or a list could claim a
        // resourceVersion its items do not reflect.
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    public Optional<StoredObject> get(ObjectKey key) {
        List<StoredObject> found = jdbc.query(
                "SELECT * FROM current_object WHERE kind = ? AND namespace = ? AND name = ?",
                this::row,
                key.kind().name(),
                key.namespace(),
                key.name());
        return found.stream().findFirst();
    }

    /** The read model's position: the revision of the log its content reflects. */
    public long resourceVersion() {
        return positions.current(CurrentObjectProjection.NAME);
    }

    /**
     * @param namespace     only objects of this namespace, or of all namespaces if null
     * @param limit         at most this many items (0: no limit)
     * @param continueToken from a previous page of the same list, or null for the first page
     * @param scope         what the caller may see; the rest is left out as if it did not exist
     * @throws IllegalArgumentException if the continue token is not one this server issued
     */
    public ObjectPage list(
            Kind kind, String namespace, List<Requirement> selector, int limit, String continueToken, Scope scope) {
        StringBuilder sql = new StringBuilder("SELECT * FROM current_object WHERE kind = ?");
        List<Object> args = new ArrayList<>();
        args.add(kind.name());
        appendScope(sql, args, kind, scope);
        if (namespace != null) {
            sql.append(" AND namespace = ?");
            args.add(namespace);
        }
        if (continueToken != null && !continueToken.isEmpty()) {
            ContinueToken after = ContinueToken.decode(continueToken);
            sql.append(" AND (namespace, name) > (?, ?)");
            args.add(after.namespace());
            args.add(after.name());
        }
        for (Requirement r : selector) {
            appendRequirement(sql, args, r);
        }
        sql.append(" ORDER BY namespace, name");
        if (limit > 0) {
            sql.append(" LIMIT ?");
            args.add((long) limit + 1);
        }
        return snapshot.execute(tx -> {
            long rv = positions.current(CurrentObjectProjection.NAME);
            List<StoredObject> items = new ArrayList<>(jdbc.query(sql.toString(), this::row, args.toArray()));
            String next = null;
            if (limit > 0 && items.size() > limit) {
                items = new ArrayList<>(items.subList(0, limit));
                StoredObject last = items.get(limit - 1);
                next = new ContinueToken(last.key().namespace(), last.key().name()).encode();
            }
            return new ObjectPage(items, rv, next);
        });
    }

    /** Whether one object is within a scope (for reads of a single object). */
    public boolean isWithin(StoredObject object, Scope scope) {
        return scope.admits(object, this::tenantOf);
    }

    /** The tenant owning a namespace, as its server-set label says. */
    public Optional<String> tenantOf(String namespace) {
        return get(ObjectKey.namespace(namespace)).map(ns -> ns.labels().get(NamespaceLabels.TENANT));
    }

    private static void appendScope(StringBuilder sql, List<Object> args, Kind kind, Scope scope) {
        if (scope.tenant() != null) {
            if (kind == Kind.NAMESPACE) {
                sql.append(" AND (labels ->> ?) = ?");
            } else {
                sql.append(" AND namespace IN (SELECT name FROM current_object WHERE kind = 'NAMESPACE' "
                        + "AND (labels ->> ?) = ?)");
            }
            args.add(NamespaceLabels.TENANT);
            args.add(scope.tenant());
        }
        if (scope.node() != null) {
            if (kind != Kind.POD) {
                sql.append(" AND false");
            } else {
                sql.append(" AND (spec ->> 'nodeName') = ?");
                args.add(scope.node());
            }
        }
    }

    /** Label selector semantics of Kubernetes: "!=" and "notin" also match objects without the key. */
    private static void appendRequirement(StringBuilder sql, List<Object> args, Requirement r) {
        switch (r.operator()) {
            case EQUALS, IN -> {
                sql.append(" AND (labels ->> ?) IN (")
                        .append(placeholders(r.values().size()))
                        .append(')');
                args.add(r.key());
                args.addAll(r.values());
            }
            case NOT_EQUALS, NOT_IN -> {
                sql.append(" AND ((labels ->> ?) IS NULL OR (labels ->> ?) NOT IN (")
                        .append(placeholders(r.values().size()))
                        .append("))");
                args.add(r.key());
                args.add(r.key());
                args.addAll(r.values());
            }
            case EXISTS -> {
                sql.append(" AND (labels ->> ?) IS NOT NULL");
                args.add(r.key());
            }
            case DOES_NOT_EXIST -> {
                sql.append(" AND (labels ->> ?) IS NULL");
                args.add(r.key());
            }
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private StoredObject row(ResultSet rs, int i) throws SQLException {
        try {
            return new StoredObject(
                    new ObjectKey(Kind.valueOf(rs.getString("kind")), rs.getString("namespace"), rs.getString("name")),
                    rs.getString("uid"),
                    rs.getLong("resource_version"),
                    rs.getLong("generation"),
                    rs.getTimestamp("creation_timestamp").toInstant(),
                    new TreeMap<>(json.readValue(rs.getString("labels"), STRING_MAP)),
                    new TreeMap<>(json.readValue(rs.getString("annotations"), STRING_MAP)),
                    tree(rs.getString("spec")),
                    tree(rs.getString("status")));
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable JSON in current_object", e);
        }
    }

    private JsonNode tree(String text) throws JsonProcessingException {
        return text == null ? null : json.readTree(text);
    }
}
