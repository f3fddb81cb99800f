package io.policyledger.command.lookup;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The command side's lookup tables, read and written whole: for a restore, which derives them from the log
 * (app's LookupsFromLog), and for the checks that they equal what the log implies.
 */
@Component
public class CommandLookupTables {

    /** The tables, each written in the command transactions that change what it says. */
    public static final List<String> TABLES = List.of(
            "namespace_occupancy",
            "tenant_occupancy",
            "protected_label_key",
            "reserved_namespace_name",
            "pod_address",
            "issued_token");

    private final JdbcTemplate jdbc;

    public CommandLookupTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public CommandLookups read() {
        Map<String, CommandLookups.Namespace> namespaces = new TreeMap<>();
        jdbc.query("SELECT namespace, tenant, object_count FROM namespace_occupancy", rs -> {
            namespaces.put(rs.getString(1), new CommandLookups.Namespace(rs.getString(2), rs.getLong(3)));
        });
        Map<String, Long> tenants = new TreeMap<>();
        jdbc.query("SELECT tenant, namespace_count FROM tenant_occupancy", rs -> {
            tenants.put(rs.getString(1), rs.getLong(2));
        });
        Map<String, String> addresses = new TreeMap<>();
        jdbc.query("SELECT address, namespace, name FROM pod_address", rs -> {
            addresses.put(rs.getString(1), rs.getString(2) + "/" + rs.getString(3));
        });
        Map<String, CommandLookups.Token> tokens = new TreeMap<>();
        jdbc.query("SELECT * FROM issued_token", rs -> {
            tokens.put(
                    rs.getString("token_id"),
                    new CommandLookups.Token(
                            rs.getString("role"),
                            rs.getString("tenant"),
                            rs.getString("subject"),
                            rs.getString("node"),
                            instant(rs.getTimestamp("issued_at")),
                            instant(rs.getTimestamp("expires_at")),
                            instant(rs.getTimestamp("revoked_at"))));
        });
        return new CommandLookups(
                namespaces,
                tenants,
                new TreeSet<>(jdbc.queryForList("SELECT label_key FROM protected_label_key", String.class)),
                new TreeSet<>(jdbc.queryForList("SELECT pattern FROM reserved_namespace_name", String.class)),
                addresses,
                tokens);
    }

    /** Fills the (empty) tables with {@code lookups}, in the caller's transaction. */
    public void write(CommandLookups lookups) {
        jdbc.batchUpdate(
                "INSERT INTO namespace_occupancy (namespace, tenant, object_count) VALUES (?, ?, ?)",
                lookups.namespaces().entrySet().stream()
                        .map(n -> new Object[] {
                            n.getKey(), n.getValue().tenant(), n.getValue().objectCount()
                        })
                        .toList());
        jdbc.batchUpdate(
                "INSERT INTO tenant_occupancy (tenant, namespace_count) VALUES (?, ?)",
                lookups.tenants().entrySet().stream()
                        .map(t -> new Object[] {t.getKey(), t.getValue()})
                        .toList());
        jdbc.batchUpdate(
                "INSERT INTO protected_label_key (label_key) VALUES (?)",
                lookups.protectedLabelKeys().stream().map(k -> new Object[] {k}).toList());
        jdbc.batchUpdate(
                "INSERT INTO reserved_namespace_name (pattern) VALUES (?)",
                lookups.reservedNamespaceNames().stream()
                        .map(p -> new Object[] {p})
                        .toList());
        jdbc.batchUpdate(
                "INSERT INTO pod_address (address, namespace, name) VALUES (?, ?, ?)",
                lookups.podAddresses().entrySet().stream()
                        .map(a -> {
                            String[] pod = a.getValue().split("/", 2);
                            return new Object[] {a.getKey(), pod[0], pod[1]};
                        })
                        .toList());
        jdbc.batchUpdate(
                """
                INSERT INTO issued_token (token_id, role, tenant, subject, node, issued_at, expires_at, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                lookups.tokens().entrySet().stream()
                        .map(e -> {
                            CommandLookups.Token t = e.getValue();
                            return new Object[] {
                                e.getKey(),
                                t.role(),
                                t.tenant(),
                                t.subject(),
                                t.node(),
                                timestamp(t.issuedAt()),
                                timestamp(t.expiresAt()),
                                timestamp(t.revokedAt())
                            };
                        })
                        .toList());
    }

    /** Whether every lookup table is empty, as in a database that holds only a loaded log. */
    public boolean allEmpty() {
        return TABLES.stream()
                .noneMatch(t -> jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + t + ")", Boolean.class));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
