package io.policyledger.app;

import static io.policyledger.app.testing.Bodies.DEFAULT_TENANT;
import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * With no database configured the service runs its own PostgreSQL in the data dir, and what it stored
 * is there again after a restart.
 */
class EmbeddedDefaultIT {

    @Test
    void withNoDatabaseConfiguredDataLivesInTheDataDirDurablyAndSurvivesARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("pl-embedded");
        List<String> args = List.of("--server.port=0", "--policy-ledger.data-dir=" + dataDir);
        String rv;
        try (RunningApp app = RunningApp.startWith(args)) {
            assertThat(app.api()
                            .post("/apis/policyledger.io/v1/tenants", tenant(DEFAULT_TENANT))
                            .status())
                    .isEqualTo(201);
            Response created = app.api().post("/api/v1/namespaces", namespace("kept", "{\"a\":\"b\"}"));
            assertThat(created.status()).isEqualTo(201);
            rv = created.text("/metadata/resourceVersion");
            assertOnlyTheOwnerOfTheDataDirCanConnect(dataDir);
            // An accepted write must survive a crash: the embedded server runs durable, not as for tests.
            assertThat(app.jdbc().queryForObject("SHOW fsync", String.class)).isEqualTo("on");
            assertThat(app.jdbc().queryForObject("SHOW synchronous_commit", String.class))
                    .isEqualTo("on");
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();

        try (RunningApp app = RunningApp.startWith(args)) {
            Response read = app.api().get("/api/v1/namespaces/kept");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.text("/metadata/resourceVersion")).isEqualTo(rv);
            assertThat(read.text("/metadata/labels/a")).isEqualTo("b");
            // The password is kept across restarts, and a second start still refuses strangers.
            assertOnlyTheOwnerOfTheDataDirCanConnect(dataDir);
        }
    }

    /**
     * Any local user can reach a port on localhost, so the embedded server must not trust them: only
     * whoever can read the data dir (and so the password) gets in.
     */
    private static void assertOnlyTheOwnerOfTheDataDirCanConnect(Path dataDir) throws Exception {
        Path urlFile = dataDir.resolve("postgres.url");
        Matcher url = Pattern.compile("postgresql://postgres:([0-9a-f]{32,})@localhost:(\\d+)/postgres")
                .matcher(Files.readString(urlFile).strip());
        assertThat(url.matches()).as(Files.readString(urlFile)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(urlFile)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("postgres"))))
                .isEqualTo("rwx------");
        String jdbc = "jdbc:postgresql://localhost:" + url.group(2) + "/postgres";

        assertThatThrownBy(
                        () -> DriverManager.getConnection(jdbc, "postgres", "").close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(jdbc, "postgres", "wrong-password")
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", url.group(1))) {
            assertThat(c.isValid(5)).isTrue();
        }
    }
}
