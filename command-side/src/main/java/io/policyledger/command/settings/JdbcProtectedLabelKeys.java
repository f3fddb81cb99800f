package io.policyledger.command.settings;

import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link ProtectedLabelKeys} on the {@code protected_label_key} table, in the command's transaction. */
@Component
class JdbcProtectedLabelKeys implements ProtectedLabelKeys {

    private final JdbcTemplate jdbc;

    JdbcProtectedLabelKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> current() {
        return Set.copyOf(jdbc.queryForList("SELECT label_key FROM protected_label_key", String.class));
    }

    @Override
    public void replace(Set<String> keys) {
        jdbc.update("DELETE FROM protected_label_key");
        List<Object[]> rows = keys.stream().map(k -> new Object[] {k}).toList();
        jdbc.batchUpdate("INSERT INTO protected_label_key (label_key) VALUES (?)", rows);
    }
}
