package io.policyledger.app.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.command.lookup.CommandLookupTables;
import io.policyledger.query.projection.ReadModel;
import io.policyledger.query.projection.ReadModels;
import io.policyledger.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every table the migrations create is accounted for: the log, a projection's read model (so a rebuild
 * replays, compares and switches it), the command side's lookups (so a restore derives them), or one of
 * the few kept for operations. A new table fails here until someone says which it is.
 */
class EveryTableHasAnOwnerIT {

    private static final Set<String> LOG =
            Set.of("domain_event_entry", "snapshot_event_entry", "event_chain", "event_chain_checkpoint");
    /** Kept by the service for its own running, not derived from the log: not rebuilt, not restored. */
    private static final Set<String> OPERATIONS = Set.of(
            "flyway_schema_history",
            "token_entry", // the processors' positions: a restored log is read from its start
            "projection_rebuild",
            "log_restore",
            "node_status", // agents' reports; they report again
            "history_snapshot"); // a cache of time travel, rebuilt as the log is read

    @Test
    void everyTableIsTheLogAReadModelALookupOrOperations() throws Exception {
        TestDatabase.Database database = TestDatabase.createDatabase().migrated();
        Set<String> tables = new TreeSet<>();
        try (Connection c = database.connect();
                ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        Set<String> accounted = new TreeSet<>(LOG);
        accounted.addAll(OPERATIONS);
        accounted.addAll(CommandLookupTables.TABLES);
        ReadModels.tables().stream().map(ReadModel.Table::name).forEach(accounted::add);
        assertThat(tables).as("tables the migrations create").isEqualTo(accounted);
    }
}
