package io.policyledger.app.restore;

import io.policyledger.app.database.CommandLineDatabase;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code java -jar policy-ledger.jar prepare-restore --spring.datasource.url=… [--revision-gap=N]}: the
 * first step of a restore from a dump of the event log (README, "Backups"). In a new, empty database it
 * creates the schema (the service's migrations) and records a pending restore; nothing else is written,
 * so the dump's events can be loaded with their own revisions. The next start of the service finishes the
 * restore ({@link LogRestore}). Exit status 0: prepared; 2: not (the reason is printed).
 */
public final class PrepareRestoreCommand {

    /** How far past the restored head the log continues (see V14__log_restore.sql); etcd's usual bump. */
    static final long DEFAULT_REVISION_GAP = 1_000_000_000L;

    /**
     * Axon's reader looks past a stretch of missing revisions with a batch of the stretch's length, an int:
     * a longer jump would overflow it and hold every projection at the restored head.
     */
    static final long MAX_REVISION_GAP = 2_000_000_000L;

    private PrepareRestoreCommand() {}

    public static int prepare(String[] args, PrintStream out) {
        Map<String, String> options = CommandLineDatabase.options(args);
        try {
            long gap = Long.parseLong(options.getOrDefault("revision-gap", Long.toString(DEFAULT_REVISION_GAP)));
            if (gap <= 0 || gap > MAX_REVISION_GAP) {
                throw new IllegalArgumentException("--revision-gap must be between 1 and " + MAX_REVISION_GAP);
            }
            if (options.get("spring.datasource.url") == null && System.getenv("SPRING_DATASOURCE_URL") == null) {
                throw new IllegalArgumentException("name the new, empty database: --spring.datasource.url=…");
            }
            PGSimpleDataSource database = CommandLineDatabase.of(options, Path.of("."));
            try (Connection c = database.getConnection()) {
                if (hasTables(c)) {
                    throw new IllegalStateException("the database is not empty: restore into a new database");
                }
            }
            Flyway.configure()
                    .dataSource(database)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            try (Connection c = database.getConnection();
                    PreparedStatement prepared = c.prepareStatement(
                            "INSERT INTO log_restore (prepared_at, revision_gap) VALUES (now(), ?)")) {
                prepared.setLong(1, gap);
                prepared.executeUpdate();
            }
            out.println("prepared: load the dump now (pg_restore --data-only --dbname=… ledger.dump), then start "
                    + "the service; its first start finishes the restore");
            return 0;
        } catch (Exception e) {
            out.println("cannot prepare a restore: " + e.getMessage());
            return 2;
        }
    }

    private static boolean hasTables(Connection c) throws Exception {
        try (PreparedStatement tables = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM information_schema.tables
                               WHERE table_schema = current_schema()
                                 AND table_type = 'BASE TABLE')""");
                ResultSet rs = tables.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
