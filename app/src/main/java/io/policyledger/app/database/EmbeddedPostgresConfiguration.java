package io.policyledger.app.database;

import com.zaxxer.hikari.HikariDataSource;
import io.policyledger.app.PolicyLedgerProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url}, the service brings its own PostgreSQL: a real server (zonky's
 * embedded binaries) whose files live in {@code <data-dir>/postgres} and so survive restarts. With a
 * URL configured nothing here is created and Spring Boot's usual DataSource is used.
 *
 * <p>zonky starts PostgreSQL the way tests want it: fsync off, asynchronous commit, and every local
 * connection trusted as superuser. None of that is acceptable here: commits are made durable, and
 * every connection needs a password (random, kept in {@code <data-dir>/postgres-password}, mode 0600),
 * so another local user can neither read nor rewrite the event log. While it runs,
 * {@code <data-dir>/postgres.url} (mode 0600) holds a URL for {@code psql}; it listens on localhost only,
 * on a new port each start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
    private static final String HBA = """
            # Written by policy-ledger at every start: a password for every connection.
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(PolicyLedgerProperties properties) throws IOException, SQLException {
        Path dataDir = properties.dataDir();
        if (!Files.exists(dataDir)) {
            Files.createDirectories(
                    dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path dir = dataDir.resolve("postgres");
        Files.createDirectories(dir);
        String password = password(dataDir.resolve("postgres-password"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setConnectConfig("password", password)
                .start();
        requirePasswords(postgres, dir, password);
        Path url = dataDir.resolve("postgres.url");
        Files.deleteIfExists(url);
        Files.createFile(url, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(
                url, "postgresql://postgres:" + password + "@localhost:" + postgres.getPort() + "/postgres\n");
        log.info(
                "embedded PostgreSQL started on port {} with data in {}; a URL for psql is in {}",
                postgres.getPort(),
                dir,
                url);
        return postgres;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres, PolicyLedgerProperties properties) throws IOException {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPassword(password(properties.dataDir().resolve("postgres-password")));
        dataSource.setPoolName("embedded-postgres");
        dataSource.setConnectionTimeout(DatabaseUnavailable.CONNECTION_TIMEOUT.toMillis());
        return dataSource;
    }

    /**
     * Sets the superuser's password and makes the server require it from every connection. The first
     * start of a new data dir arrives here with zonky's "trust everyone" rules; later starts already
     * require the password (which the connection above supplied).
     */
    private static void requirePasswords(EmbeddedPostgres postgres, Path dir, String password)
            throws SQLException, IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("ALTER USER postgres PASSWORD '" + password.replace("'", "''") + "'");
            Files.writeString(dir.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password, StandardCharsets.UTF_8);
        return password;
    }
}
