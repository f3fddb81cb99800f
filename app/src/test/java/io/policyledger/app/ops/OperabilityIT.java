package io.policyledger.app.ops;

import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator watches: Prometheus metrics for a platform admin or a dedicated metrics credential
 * (which reads nothing else), and the liveness and readiness probes, open to all.
 */
class OperabilityIT {

    private static RunningApp app;
    private static ApiClient platform;
    private static ApiClient prometheus;

    @BeforeAll
    static void start() {
        app = RunningApp.start(TestDatabase.createDatabase(), "--policy-ledger.readiness.max-projection-lag=2s");
        platform = app.api();
        ApiClient.Response minted = platform.post(
                "/apis/policyledger.io/v1/tokens", "{\"spec\":{\"role\":\"metrics\",\"subject\":\"prometheus\"}}");
        assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
        prometheus = platform.as(minted.text("/status/token"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void writesAreCountedByResourceMethodAndStatusAndTheProjectionsLagIsThere() {
        double before = value(
                scrape(), "policyledger_writes_seconds_count", "method=\"POST\",resource=\"pods\",status=\"201\"");
        assertThat(platform.post("/api/v1/namespaces", namespace("ops", "{}")).status())
                .isEqualTo(201);
        assertThat(platform.post("/api/v1/namespaces/ops/pods", pod("p1", "{\"app\":\"a\"}"))
                        .status())
                .isEqualTo(201);
        assertThat(platform.post("/api/v1/namespaces/ops/pods", pod("p2", "{\"app\":\"a\"}"))
                        .status())
                .isEqualTo(201);
        assertThat(platform.post("/api/v1/namespaces/ops/pods", "{\"metadata\":{\"name\":\"Bad_Name\"}}")
                        .status())
                .isEqualTo(422);

        String metrics = scrape();
        assertThat(value(
                        metrics,
                        "policyledger_writes_seconds_count",
                        "method=\"POST\",resource=\"pods\",status=\"201\""))
                .isEqualTo(before + 2);
        assertThat(value(
                        metrics,
                        "policyledger_writes_seconds_count",
                        "method=\"POST\",resource=\"pods\",status=\"422\""))
                .isEqualTo(1);
        assertThat(metrics)
                .contains("policyledger_writes_seconds_bucket{method=\"POST\",resource=\"pods\",status=\"201\",le=");
        for (String projection : new String[] {"current-objects", "effective-rules", "audit-trail"}) {
            assertThat(value(metrics, "policyledger_projection_lag_events", "projection=\"" + projection + "\""))
                    .as(projection)
                    .isGreaterThanOrEqualTo(0);
            assertThat(metrics).contains("policyledger_projection_lag_seconds{projection=\"" + projection + "\"}");
        }
        assertThat(metrics).contains("policyledger_node_watches ").contains("policyledger_node_rounds_seconds");
    }

    @Test
    void theChainsLastVerificationIsAGauge() {
        assertThat(platform.get("/apis/policyledger.io/v1/audit/verify").status())
                .isEqualTo(200);
        assertThat(value(scrape(), "policyledger_chain_intact", null)).isEqualTo(1);
    }

    @Test
    void aMetricsCredentialReadsTheMetricsAndNothingElseAndTenantsDoNotReadThem() {
        ApiClient.Response refused = prometheus.get("/api/v1/namespaces");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("/message")).contains("may read /actuator/prometheus and nothing else");
        assertThat(prometheus.get("/apis").status()).isEqualTo(403);
        assertThat(prometheus
                        .post("/apis/policyledger.io/v1/tokens", "{\"spec\":{\"role\":\"metrics\"}}")
                        .status())
                .isEqualTo(403);
        assertThat(platform.get("/actuator/prometheus").status())
                .as("a platform admin reads them too")
                .isEqualTo(200);

        platform.post("/apis/policyledger.io/v1/tenants", io.policyledger.app.testing.Bodies.tenant("ops-tenant"));
        ApiClient tenant = platform.as(app.mint("ops-tenant", "tenant-admin", "ted"));
        assertThat(tenant.get("/actuator/prometheus").status()).isEqualTo(403);
        ApiClient.Response underTenant = platform.post(
                "/apis/policyledger.io/v1/tenants/ops-tenant/tokens",
                "{\"spec\":{\"role\":\"metrics\",\"subject\":\"x\"}}");
        assertThat(underTenant.status())
                .as("metrics credentials are cluster-wide")
                .isEqualTo(400);
    }

    @Test
    void probesAreOpenAndReadinessCoversTheDatabaseAndTheProjections() {
        ApiClient anonymous = platform.as(null);
        assertThat(anonymous.get("/actuator/health/liveness").text("/status")).isEqualTo("UP");
        ApiClient.Response ready = anonymous.get("/actuator/health/readiness");
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.text("/status")).isEqualTo("UP");
        assertThat(ready.json().at("/components").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("db", "projections", "readinessState");
    }

    @Test
    void aQuietServiceAfterAnEventThatChangesNoObjectStaysReady() throws Exception {
        // A token's issue changes no object; every projection must still count it as applied.
        assertThat(platform.post(
                                "/apis/policyledger.io/v1/tokens",
                                "{\"spec\":{\"role\":\"metrics\",\"subject\":\"m2\"}}")
                        .status())
                .isEqualTo(201);
        Thread.sleep(3500); // longer than the 2 s this instance tolerates
        ApiClient.Response ready = platform.as(null).get("/actuator/health/readiness");
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(value(scrape(), "policyledger_projection_lag_events", "projection=\"current-objects\""))
                .isZero();
    }

    private static String scrape() {
        ApiClient.Response r = prometheus.get("/actuator/prometheus");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body();
    }

    /** The sample's value, its labels given in Micrometer's (alphabetical) order; 0 when absent. */
    private static double value(String metrics, String name, String labels) {
        String line = labels == null ? name : name + "{" + labels + "}";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(line) + " ([0-9.eE+-]+|NaN)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
