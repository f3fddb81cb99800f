package io.policyledger.app.testing;

import io.policyledger.app.PolicyLedgerApplication;
import io.policyledger.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole application, started as {@code java -jar} would start it, on a random port, against the
 * given PostgreSQL database. Tests talk to it over HTTP and look into its database with SQL.
 */
public final class RunningApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final ApiClient api;

    private RunningApp(ConfigurableApplicationContext context) {
        this.context = context;
        this.api = new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    public static RunningApp start(TestDatabase.Database database, String... extraArguments) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--policy-ledger.data-dir=" + tempDir()));
        args.addAll(List.of(extraArguments));
        return startWith(args);
    }

    /** Starts with exactly these arguments (e.g. none of the datasource ones, to get the embedded default). */
    public static RunningApp startWith(List<String> arguments) {
        System.setProperty("disable-axoniq-console-message", "true");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PolicyLedgerApplication.class)
                .run(arguments.toArray(String[]::new));
        return new RunningApp(context);
    }

    public ApiClient api() {
        return api;
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public long eventCount() {
        return jdbc().queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    @Override
    public void close() {
        context.close();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("pl-app-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
