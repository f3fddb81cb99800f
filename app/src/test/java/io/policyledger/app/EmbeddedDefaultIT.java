package io.policyledger.app;

import static io.policyledger.app.testing.Bodies.DEFAULT_TENANT;
import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            assertThat(app.api().post("/apis/policyledger.io/v1/tenants", tenant(DEFAULT_TENANT)).status()).isEqualTo(201);
            Response created = app.api().post("/api/v1/namespaces", namespace("kept", "{\"a\":\"b\"}"));
            assertThat(created.status()).isEqualTo(201);
            rv = created.text("/metadata/resourceVersion");
            assertThat(Files.readString(dataDir.resolve("postgres.url"))).startsWith("postgresql://postgres@localhost:");
            // An accepted write must survive a crash: the embedded server runs durable, not as for tests.
            assertThat(app.jdbc().queryForObject("SHOW fsync", String.class)).isEqualTo("on");
            assertThat(app.jdbc().queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();

        try (RunningApp app = RunningApp.startWith(args)) {
            Response read = app.api().get("/api/v1/namespaces/kept");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.text("/metadata/resourceVersion")).isEqualTo(rv);
            assertThat(read.text("/metadata/labels/a")).isEqualTo("b");
        }
    }
}
