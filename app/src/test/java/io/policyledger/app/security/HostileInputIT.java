package io.policyledger.app.security;

import static io.policyledger.app.testing.Bodies.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input made to hurt: too big, too deep, self-multiplying, ambiguous, malformed, mislabelled, absurdly
 * long lists, and floods. Each gets a clear 4xx Status (never a 5xx, never an exhausted server) and
 * leaves the event log exactly as it was.
 */
class HostileInputIT {

    private static final String NP = "/apis/networking.k8s.io/v1/namespaces/target/networkpolicies";

    private static RunningApp app;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        app = RunningApp.start(TestDatabase.createDatabase());
        api = app.api();
        assertThat(api.post("/api/v1/namespaces", namespace("target", "{}")).status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Sends the request and checks the answer is the given 4xx Status and that nothing was stored. */
    private static Response refused(int code, Supplier<Response> request) {
        long events = app.eventCount();
        Response r = request.get();
        assertThat(r.status()).as(r.toString()).isEqualTo(code);
        assertThat(r.text("/kind")).isEqualTo("Status");
        assertThat(r.json().get("code").asInt()).isEqualTo(code);
        assertThat(app.eventCount()).as("events after a refused request").isEqualTo(events);
        return r;
    }

    private static Response post(String path, String contentType, byte[] body) {
        return api.post(path, contentType, body);
    }

    @Test
    void aBodyOverTheSizeLimitIsTooLarge() {
        byte[] huge = ("{\"metadata\":{\"name\":\"big\"},\"spec\":{\"podSelector\":{\"matchLabels\":{\"a\":\""
                        + "x".repeat(2 * 1024 * 1024) + "\"}}}}")
                .getBytes(StandardCharsets.UTF_8);
        refused(413, () -> post(NP, "application/json", huge));
    }

    @Test
    void aChunkedBodyWithoutLengthIsCutOffAtTheLimitToo() {
        byte[] huge = ("{\"metadata\":{\"name\":\"big\",\"annotations\":{\"a\":\"" + "y".repeat(1536 * 1024) + "\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        refused(
                413,
                () -> api.send(HttpRequest.newBuilder(api.uri("/api/v1/namespaces"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))));
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        refused(
                400,
                () -> post(
                        NP,
                        "application/json",
                        ("{\"metadata\":{\"name\":\"deep\"},\"spec\":{\"ingress\":" + deep + "}}")
                                .getBytes(StandardCharsets.UTF_8)));
        String deepObject = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        Response patch = refused(
                400,
                () -> api.patch(
                        "/api/v1/namespaces/target",
                        "application/merge-patch+json",
                        "{\"metadata\":{\"annotations\":" + deepObject + "}}"));
        assertThat(patch.text("/message")).contains("nested too deeply");
    }

    @Test
    void deeplyNestedYamlIsRefused() {
        StringBuilder yaml = new StringBuilder("metadata:\n  name: deep\nspec:\n  ingress: ");
        yaml.append("[".repeat(5000)).append("]".repeat(5000)).append('\n');
        refused(400, () -> post(NP, "application/yaml", yaml.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aYamlAliasBombIsRefused() {
        String laughs = """
                metadata:
                  name: lol
                  annotations: &a0 {x: "lol"}
                spec:
                  a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
                  a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
                  a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
                  a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
                  a5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
                  a6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]
                  a7: &a7 [*a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6]
                  a8: &a8 [*a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7]
                  a9: &a9 [*a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8]
                """;
        refused(400, () -> post(NP, "application/yaml", laughs.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void duplicateKeysAreRefusedInJsonAndYaml() {
        refused(
                400,
                () -> post(
                        "/api/v1/namespaces",
                        "application/json",
                        "{\"metadata\":{\"name\":\"dup\",\"labels\":{\"a\":\"1\",\"a\":\"2\"}}}"
                                .getBytes(StandardCharsets.UTF_8)));
        refused(
                400,
                () -> post(
                        "/api/v1/namespaces",
                        "application/yaml",
                        "metadata:\n  name: dup\n  name: dup2\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void invalidUtf8IsRefusedInJsonAndYaml() {
        byte[] json = "{\"metadata\":{\"name\":\"bad\",\"labels\":{\"a\":\"X\"}}}".getBytes(StandardCharsets.UTF_8);
        json[json.length - 5] = (byte) 0xC3;
        json[json.length - 4] = (byte) 0x28;
        refused(400, () -> post("/api/v1/namespaces", "application/json", json));
        byte[] yaml = "metadata:\n  name: bad\n  labels: {a: X}\n".getBytes(StandardCharsets.UTF_8);
        yaml[yaml.length - 4] = (byte) 0xFF;
        refused(400, () -> post("/api/v1/namespaces", "application/yaml", yaml));
    }

    @Test
    void wrongOrMissingContentTypesAreUnsupported() {
        byte[] body = namespace("typed", "{}").getBytes(StandardCharsets.UTF_8);
        refused(415, () -> post("/api/v1/namespaces", "text/plain", body));
        refused(415, () -> post("/api/v1/namespaces", "application/xml", body));
        refused(415, () -> post("/api/v1/namespaces", "application/x-www-form-urlencoded", body));
        refused(
                415,
                () -> api.send(HttpRequest.newBuilder(api.uri("/api/v1/namespaces"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))));
        refused(415, () -> post("/api/v1/namespaces", "not a media type", body));
    }

    @Test
    void absurdlyManyLabelsRulesPeersPortsAndValuesAreRefusedWithTheLimitNamed() {
        StringBuilder labels = new StringBuilder("{\"policyledger.io/tenant\":\"tenant-a\"");
        for (int i = 0; i < 1000; i++) {
            labels.append(",\"l").append(i).append("\":\"v\"");
        }
        labels.append('}');
        Response manyLabels = refused(
                422,
                () -> api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"labels\",\"labels\":" + labels + "}}"));
        assertThat(manyLabels.json().at("/details/causes").findValuesAsText("reason"))
                .contains("FieldValueTooMany");
        assertThat(manyLabels.json().at("/details/causes").findValuesAsText("field"))
                .contains("metadata.labels");

        String rules = ("{\"ports\":[{\"port\":80}]},".repeat(5000));
        refused(
                422,
                () -> api.post(
                        NP,
                        "{\"metadata\":{\"name\":\"rules\"},\"spec\":{\"ingress\":["
                                + rules.substring(0, rules.length() - 1) + "]}}"));
        String peers = "{\"podSelector\":{}},".repeat(5000);
        refused(
                422,
                () -> api.post(
                        NP,
                        "{\"metadata\":{\"name\":\"peers\"},\"spec\":{\"ingress\":[{\"from\":["
                                + peers.substring(0, peers.length() - 1) + "]}]}}"));
        String ports = "{\"port\":80},".repeat(5000);
        refused(
                422,
                () -> api.post(
                        NP,
                        "{\"metadata\":{\"name\":\"ports\"},\"spec\":{\"egress\":[{\"ports\":["
                                + ports.substring(0, ports.length() - 1) + "]}]}}"));
        String values = "\"v\",".repeat(5000);
        Response manyValues = refused(
                422,
                () -> api.post(
                        NP,
                        "{\"metadata\":{\"name\":\"values\"},\"spec\":{"
                                + "\"podSelector\":{\"matchExpressions\":[{\"key\":\"k\",\"operator\":\"In\",\"values\":["
                                + values.substring(0, values.length() - 1) + "]}]}}}"));
        assertThat(manyValues.text("/details/causes/0/field")).isEqualTo("spec.podSelector.matchExpressions[0].values");
    }

    @Test
    void absurdNumbersAndStringsAreRefusedCleanly() {
        refused(
                400,
                () -> api.post(
                        NP,
                        "{\"metadata\":{\"name\":\"n\"},\"spec\":{\"ingress\":[{\"ports\":" + "[{\"port\":1"
                                + "0".repeat(2000) + "}]}]}}"));
        refused(
                400,
                () -> api.post(
                        NP,
                        "{\"metadata\":{\"name\":\"n\"},\"spec\":{\"ingress\":[{\"ports\":"
                                + "[{\"port\":1e999999}]}]}}"));
        refused(422, () -> api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + "n".repeat(100_000) + "\"}}"));
    }

    @Test
    void writesBeyondTheRateLimitAreThrottledWithRetryAfter() {
        try (RunningApp limited = RunningApp.start(
                TestDatabase.createDatabase(),
                "--policy-ledger.security.write-burst=3",
                "--policy-ledger.security.writes-per-second=0.2")) {
            ApiClient client = limited.api();
            int throttled = 0;
            Response last = null;
            for (int i = 0; i < 6; i++) {
                last = client.post("/api/v1/namespaces", namespace("rl-" + i, "{}"));
                throttled += last.status() == 429 ? 1 : 0;
            }
            assertThat(throttled).isGreaterThanOrEqualTo(2);
            assertThat(last.status()).isEqualTo(429);
            assertThat(last.text("/reason")).isEqualTo("TooManyRequests");
            assertThat(last.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 10));
            assertThat(client.get("/api/v1/namespaces").status())
                    .as("reads are not throttled")
                    .isEqualTo(200);
            for (int i = 0; i < 20; i++) {
                assertThat(client.post("/apis/policyledger.io/v1/connectivitychecks", CHECK)
                                .status())
                        .as("a connectivity check is a read: not charged to the exhausted write budget")
                        .isEqualTo(200);
            }
        }
    }

    private static final String CHECK = "{\"spec\": {\"from\": \"10.9.0.1\", \"to\": \"10.9.0.2\", \"port\": 80}}";

    @Test
    void connectivityChecksHaveABudgetOfTheirOwn() {
        try (RunningApp limited = RunningApp.start(
                TestDatabase.createDatabase(),
                "--policy-ledger.security.check-burst=5",
                "--policy-ledger.security.checks-per-second=0.2")) {
            ApiClient client = limited.api();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(client.post("/apis/policyledger.io/v1/connectivitychecks", CHECK)
                        .status());
            }
            assertThat(statuses.subList(0, 5)).containsOnly(200);
            assertThat(statuses.subList(5, 8)).containsOnly(429);
            Response refused = client.post("/apis/policyledger.io/v1/connectivitychecks", CHECK);
            assertThat(refused.text("/message")).contains("connectivity checks");
            assertThat(client.post("/api/v1/namespaces", namespace("still-writable", "{}"))
                            .status())
                    .as("writes keep their own budget")
                    .isEqualTo(201);
        }
    }
}
