package io.policyledger.bench;

import io.policyledger.eventstore.EventChain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Tamper evidence at scale: a log of N events (1,000,000 by default) stored through the chain's trigger,
 * then, in the same run, a plain sequential read of every event's columns (the physical limit of any
 * check that reads the log) and the chain's full verification.
 *
 * <pre>
 *   java -jar bench/target/policy-ledger-bench.jar event-chain [events]
 * </pre>
 * The events are written with SQL in batches (a realistic 300-byte payload and 200-byte metadata each),
 * not through the command side: the point is reading and hashing them, and the command side's own cost is
 * measured by the write benchmark.
 */
final class EventChainBenchmark {

    private EventChainBenchmark() {}

    static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("pl-bench-chain");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start()) {
            DataSource database = postgres.getPostgresDatabase();
            Flyway.configure()
                    .dataSource(database)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();

            long t0 = System.nanoTime();
            try (Connection c = database.getConnection();
                    Statement sql = c.createStatement()) {
                for (int from = 1; from <= events; from += 50_000) {
                    int to = Math.min(events, from + 49_999);
                    // One statement per 50,000 rows: the trigger links each row as it is inserted, in order.
                    sql.execute(
                            ("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, "
                                            + "type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                                            + "SELECT 'e-' || i, 'namespaces/ns-' || (i / 10), i %% 10, 'Namespace', "
                                            + "'2026-11-26T08:00:00.' || lpad((i %% 1000000)::text, 6, '0') || 'Z', "
                                            + "'io.policyledger.core.namespace.NamespaceMetadataChanged', NULL, "
                                            + "convert_to('{\"name\":\"ns-' || (i / 10) || '\",\"uid\":\"' || md5(i::text) || '\","
                                            + "\"labels\":{\"kubernetes.io/metadata.name\":\"ns-' || (i / 10) || '\",\"policyledger.io/tenant\":"
                                            + "\"bench\",\"team\":\"t' || (i %% 97) || '\",\"tier\":\"gold\"},\"annotations\":{\"note\":\"' "
                                            + "|| md5((i * 7)::text) || '\"}}', 'UTF8'), "
                                            + "convert_to('{\"actor\":\"alice\",\"role\":\"tenant-admin\",\"tenant\":\"bench\",\"requestId\":\"' "
                                            + "|| md5((i * 3)::text) || '\",\"source\":\"10.0.0.1\",\"time\":\"2026-11-26T08:00:00Z\"}', 'UTF8') "
                                            + "FROM generate_series(%d, %d) AS i")
                                    .formatted(from, to));
                }
            }
            long stored = System.nanoTime() - t0;

            long scanStart = System.nanoTime();
            long scanned = scan(database);
            long scan = System.nanoTime() - scanStart;

            long verifyStart = System.nanoTime();
            EventChain.Verification verification = new EventChain(database).verify(Set.of(), 10);
            long verify = System.nanoTime() - verifyStart;
            if (!verification.intact() || verification.events() != events || scanned != events) {
                throw new IllegalStateException("unexpected: " + verification.problems() + ", " + scanned + " scanned");
            }

            System.out.printf("%n%,d events, embedded PostgreSQL 17 (fsync on)%n%n", events);
            System.out.println("| measurement | seconds | events/s | ÷ plain scan rate |");
            System.out.println("|---|---|---|---|");
            row("plain SELECT of every column of domain_event_entry, in order (baseline)", scan, events, scan);
            row("chain verification (read + SHA-256 of every event, against its link)", verify, events, scan);
            row("storing the events, the trigger linking each one", stored, events, scan);
        }
        System.exit(0);
    }

    /** Every column of every event, in global order, as a reader of the whole log must fetch them. */
    static long scan(DataSource database) throws Exception {
        long rows = 0;
        long bytes = 0;
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement read =
                    c.prepareStatement("SELECT * FROM domain_event_entry ORDER BY global_index")) {
                read.setFetchSize(2000);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        bytes += rs.getBytes("payload").length
                                + rs.getBytes("meta_data").length
                                + rs.getString("event_identifier").length()
                                + rs.getString("aggregate_identifier").length();
                    }
                }
            }
            c.rollback();
        }
        return bytes > 0 ? rows : -1;
    }

    static void row(String label, long nanos, int events, long baselineNanos) {
        double seconds = nanos / 1e9;
        double rate = events / seconds;
        double baselineRate = events / (baselineNanos / 1e9);
        System.out.printf("| %s | %.1f | %,.0f | %.2f |%n", label, seconds, rate, rate / baselineRate);
    }
}
