package io.policyledger.app.api;

import static io.policyledger.app.testing.Bodies.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 2016-format policy resource, served as the seed served it: its own group and version, the
 * plural "networkpolicys", label maps for selectors, and the same conventions as every other resource.
 */
class AlphaNetworkPolicyIT {

    private static final String ALPHA = "/apis/net.alpha.kubernetes.io/v1alpha1/namespaces/";
    private static final String DB_FROM_WEB = """
            apiVersion: net.alpha.kubernetes.io/v1alpha1
            kind: NetworkPolicy
            metadata:
              name: db-from-web
            spec:
              podSelector: {app: db}
              allowIncoming:
                from:
                - pods: {app: web}
                - namespaces: {team: ops}
                toPorts:
                - port: 5432
                - port: dns
                  protocol: UDP
            """;

    private static RunningApp app;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        app = RunningApp.start(TestDatabase.createDatabase());
        api = app.api();
        api.post("/api/v1/namespaces", namespace("legacy", "{}"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aPolicyInTheSeedsFormatIsCreatedReadListedReplacedAndDeleted() {
        Response created = api.post(ALPHA + "legacy/networkpolicys", "application/yaml", DB_FROM_WEB);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("/apiVersion")).isEqualTo("net.alpha.kubernetes.io/v1alpha1");
        assertThat(created.text("/kind")).isEqualTo("NetworkPolicy");
        assertThat(created.text("/spec/allowIncoming/toPorts/0/protocol"))
                .as("defaulted")
                .isEqualTo("TCP");
        assertThat(created.text("/spec/allowIncoming/from/1/namespaces/team")).isEqualTo("ops");

        assertThat(api.get(ALPHA + "legacy/networkpolicys/db-from-web").text("/spec/podSelector/app"))
                .isEqualTo("db");
        assertThat(api.get(ALPHA + "legacy/networkpolicys").json().get("items")).hasSize(1);
        assertThat(api.get("/apis/net.alpha.kubernetes.io/v1alpha1/networkpolicys")
                        .json()
                        .get("items"))
                .hasSize(1);
        assertThat(api.get("/apis/networking.k8s.io/v1/namespaces/legacy/networkpolicies")
                        .json()
                        .get("items"))
                .as("the v1 resource is another one")
                .isEmpty();

        Response replaced = api.put(
                ALPHA + "legacy/networkpolicys/db-from-web",
                "{\"metadata\":{\"name\":"
                        + "\"db-from-web\",\"resourceVersion\":\"" + created.text("/metadata/resourceVersion") + "\"},"
                        + "\"spec\":{\"podSelector\":{\"app\":\"db\"},\"allowIncoming\":{}}}");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().at("/spec/allowIncoming/from").isMissingNode())
                .as("replaced, not merged")
                .isTrue();
        assertThat(replaced.text("/metadata/generation")).isEqualTo("2");
        Response stale = api.put(
                ALPHA + "legacy/networkpolicys/db-from-web",
                "{\"metadata\":{\"name\":"
                        + "\"db-from-web\",\"resourceVersion\":\"" + created.text("/metadata/resourceVersion") + "\"},"
                        + "\"spec\":{}}");
        assertThat(stale.status()).isEqualTo(409);

        Response patched = api.patch(
                ALPHA + "legacy/networkpolicys/db-from-web",
                "application/merge-patch+json",
                "{\"spec\":{\"allowIncoming\":{\"toPorts\":[{\"port\":80}]}}}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.text("/spec/allowIncoming/toPorts/0/port")).isEqualTo("80");

        assertThat(api.delete("/api/v1/namespaces/legacy").status())
                .as("the namespace still holds it")
                .isEqualTo(409);
        assertThat(api.delete(ALPHA + "legacy/networkpolicys/db-from-web").status())
                .isEqualTo(200);
        assertThat(api.get(ALPHA + "legacy/networkpolicys/db-from-web").status())
                .isEqualTo(404);
    }

    @Test
    void anInvalidPolicyIsRefusedFieldByFieldAndStoresNothing() {
        long events = app.eventCount();

        Response r = api.post(
                ALPHA + "legacy/networkpolicys",
                "{\"metadata\":{\"name\":\"bad\"},\"spec\":"
                        + "{\"allowIncoming\":{\"from\":[{\"pods\":{\"a\":\"b\"},\"namespaces\":{}}],"
                        + "\"toPorts\":[{\"port\":0},{\"port\":80,\"protocol\":\"SCTP\"}]}}}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text("/details/kind")).isEqualTo("NetworkPolicy");
        assertThat(r.json().at("/details/causes").findValuesAsText("field"))
                .containsExactlyInAnyOrder(
                        "spec.allowIncoming.from[0]",
                        "spec.allowIncoming.toPorts[0].port",
                        "spec.allowIncoming.toPorts[1].protocol");
        assertThat(api.post(
                                ALPHA + "legacy/networkpolicys",
                                "{\"metadata\":{\"name\":\"x\"},\"spec\":"
                                        + "{\"podSelector\":{\"matchLabels\":{\"a\":\"b\"}}}}")
                        .status())
                .as("a v1 selector is not a label map")
                .isEqualTo(400);
        assertThat(app.eventCount()).isEqualTo(events);
    }
}
