package io.policyledger.app.testing;

import io.policyledger.app.PolicyLedgerApplication;
import io.policyledger.app.PolicyLedgerProperties;
import io.policyledger.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole application, started as {@code java -jar} would start it, on a random port, against the
 * given PostgreSQL database. Tests talk to it over HTTP and look into its database with SQL.
 */
public final class RunningApp implements AutoCloseable {

    private static final Pattern KUBECONFIG_TOKEN = Pattern.compile("(?m)^\\s*token:\\s*(\\S+)\\s*$");

    private final ConfigurableApplicationContext context;
    private final ApiClient api;
    private final Path dataDir;

    private RunningApp(ConfigurableApplicationContext context) {
        this.context = context;
        this.dataDir = context.getBean(PolicyLedgerProperties.class).dataDir();
        Path ca = dataDir.resolve("tls/ca.crt");
        this.api = new ApiClient(
                ((WebServerApplicationContext) context).getWebServer().getPort(),
                Files.exists(ca) ? ApiClient.trusting(ca) : null,
                Files.exists(dataDir.resolve("admin.kubeconfig")) ? adminToken() : null);
    }

    /** The platform-admin token the server wrote to its data dir on start. */
    public String adminToken() {
        try {
            Matcher m = KUBECONFIG_TOKEN.matcher(Files.readString(dataDir.resolve("admin.kubeconfig")));
            if (!m.find()) {
                throw new IllegalStateException("no token in admin.kubeconfig");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read admin.kubeconfig", e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public static RunningApp start(TestDatabase.Database database, String... extraArguments) {
        return start(database, tempDir(), extraArguments);
    }

    /** Starts on a given data dir: a restart on the same one keeps the signing key and admin credential. */
    public static RunningApp start(TestDatabase.Database database, Path dataDir, String... extraArguments) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--policy-ledger.data-dir=" + dataDir));
        args.addAll(List.of(extraArguments));
        RunningApp app = startWith(args);
        ApiClient.Response tenant =
                app.api().post("/apis/policyledger.io/v1/tenants", Bodies.tenant(Bodies.DEFAULT_TENANT));
        if (tenant.status() != 201 && tenant.status() != 409) {
            throw new IllegalStateException("cannot create the default tenant: " + tenant);
        }
        return app;
    }

    /** Starts on a given database without creating anything in it (e.g. when tokens come from elsewhere). */
    public static RunningApp startBare(TestDatabase.Database database, String... extraArguments) {
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
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(PolicyLedgerApplication.class).run(arguments.toArray(String[]::new));
        return new RunningApp(context);
    }

    /** Mints a tenant credential through the API, as the platform admin would, and answers the token. */
    public String mint(String tenant, String role, String subject) {
        ApiClient.Response r = api.post(
                "/apis/policyledger.io/v1/tenants/" + tenant + "/tokens",
                "{\"spec\":{\"role\":\"" + role + "\",\"subject\":\"" + subject + "\"}}");
        if (r.status() != 201) {
            throw new IllegalStateException("cannot mint " + role + ": " + r);
        }
        return r.text("/status/token");
    }

    /** A client holding the platform-admin credential (none when the server trusts an external issuer). */
    public ApiClient api() {
        return api;
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> java.util.Collection<T> beans(Class<T> type) {
        return context.getBeansOfType(type).values();
    }

    public long eventCount() {
        return jdbc().queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    @Override
    public void close() {
        context.close();
    }

    public static Path tempDir() {
        try {
            return Files.createTempDirectory("pl-app-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
