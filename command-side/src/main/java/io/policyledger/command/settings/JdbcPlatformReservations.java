package io.policyledger.command.settings;

import io.policyledger.core.settings.ClusterSettingsSpec;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link PlatformReservations} on the {@code protected_label_key} and {@code reserved_namespace_name} tables.
 * Readers take SHARE locks (they do not block each other); a change takes EXCLUSIVE locks, so it waits
 * for writes that read the old rules and holds off new ones until it commits.
 */
@Component
class JdbcPlatformReservations implements PlatformReservations {

    private final JdbcTemplate jdbc;

    JdbcPlatformReservations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> protectedLabelKeys() {
        jdbc.execute("LOCK TABLE protected_label_key IN SHARE MODE");
        return Set.copyOf(jdbc.queryForList("SELECT label_key FROM protected_label_key", String.class));
    }

    @Override
    public boolean isReservedNamespace(String name) {
        jdbc.execute("LOCK TABLE reserved_namespace_name IN SHARE MODE");
        for (String pattern : jdbc.queryForList("SELECT pattern FROM reserved_namespace_name", String.class)) {
            if (pattern.endsWith("*")
                    ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                    : name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void replace(ClusterSettingsSpec spec) {
        jdbc.execute("LOCK TABLE protected_label_key, reserved_namespace_name IN EXCLUSIVE MODE");
        jdbc.update("DELETE FROM protected_label_key");
        jdbc.batchUpdate(
                "INSERT INTO protected_label_key (label_key) VALUES (?)",
                spec.protectedLabelKeys().stream().map(k -> new Object[] {k}).toList());
        jdbc.update("DELETE FROM reserved_namespace_name");
        jdbc.batchUpdate(
                "INSERT INTO reserved_namespace_name (pattern) VALUES (?)",
                spec.reservedNamespaceNames().stream()
                        .map(k -> new Object[] {k})
                        .toList());
    }
}
