package io.policyledger.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.eventstore.EventChain;
import io.policyledger.testing.TestDatabase;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An installation upgraded to the hash chain: the events it already had are linked by the migration
 * exactly as the trigger links new ones (the Java verification agrees with both), and the first events
 * after the upgrade continue the same chain.
 */
class ChainMigrationIT {

    @Test
    void eventsStoredBeforeTheChainAreLinkedByTheMigrationAndTheChainContinues() throws Exception {
        TestDatabase.Database database = TestDatabase.createDatabase();
        PGSimpleDataSource dataSource = database.dataSource();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target(MigrationVersion.fromVersion("7"))
                .load()
                .migrate();
        insertEvents(jdbc, 1, 25);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_chain", Long.class))
                .isEqualTo(25);

        insertEvents(jdbc, 26, 40);
        EventChain.Verification verification = new EventChain(dataSource).verify(Set.of(), 10);
        assertThat(verification.problems()).isEmpty();
        assertThat(verification.events()).isEqualTo(40);
    }

    private static void insertEvents(JdbcTemplate jdbc, int from, int to) {
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                  time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT 'e-' || i, 'namespaces/n' || i, 0, 'Namespace', '2026-11-26T08:00:00Z',
                  'io.policyledger.core.namespace.NamespaceCreated', CASE WHEN i % 2 = 0 THEN '2' END,
                  convert_to('{"name":"n' || i || '","tenant":"t"}', 'UTF8'),
                  CASE WHEN i % 3 = 0 THEN NULL ELSE convert_to('{"actor":"a"}', 'UTF8') END
                FROM generate_series(?, ?) AS i""", from, to);
    }
}
