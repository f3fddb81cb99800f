package io.policyledger.app.rules;

import static io.policyledger.app.testing.Bodies.namespaceOf;
import static io.policyledger.app.testing.Bodies.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Effective rules and connectivity checks through the API, after real writes: what a pod may receive
 * and send, why, and how that follows every change; and what a tenant is shown of other tenants.
 */
class EffectiveRulesIT {

    private static final String RULES = "/apis/policyledger.io/v1/namespaces/";
    private static final String CHECKS = "/apis/policyledger.io/v1/connectivitychecks";
    private static final String V1 = "/apis/networking.k8s.io/v1/namespaces/";

    private static RunningApp app;
    private static ApiClient platform;
    private static ApiClient alice;

    @BeforeAll
    static void world() {
        app = RunningApp.start(TestDatabase.createDatabase());
        platform = app.api();
        platform.post("/apis/policyledger.io/v1/tenants", tenant("tenant-b"));
        ok(platform.post("/api/v1/namespaces", namespaceOf("tenant-a", "x", "{}")));
        ok(platform.post("/api/v1/namespaces", namespaceOf("tenant-b", "z", "{\"team\":\"ops\"}")));
        ok(platform.post("/api/v1/namespaces/x/pods", pod("a", "web", "10.1.0.1")));
        ok(platform.post("/api/v1/namespaces/x/pods", pod("b", "db", "10.1.0.2")));
        ok(platform.post("/api/v1/namespaces/x/pods", pod("c", "other", "10.1.0.3")));
        ok(platform.post("/api/v1/namespaces/z/pods", pod("w", "monitor", "10.9.0.1")));
        alice = platform.as(app.mint("tenant-a", "tenant-admin", "alice"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aPodSelectedByAPolicyIsIsolatedAndAdmitsOnlyWhatItsRulesSay() {
        ok(
                alice.post(
                        V1 + "x/networkpolicies",
                        policy(
                                "db-from-web",
                                "db",
                                "[{\"from\":[{\"podSelector\":{\"matchLabels\":{\"app\":\"web\"}}}],\"ports\":[{\"port\":\"pg\"}]}]")));

        JsonNode db = rules(alice, "x", "b");
        assertThat(db.at("/ingress/isolated").asBoolean()).isTrue();
        assertThat(db.at("/ingress/isolatedBy/policies/0/name").asText()).isEqualTo("db-from-web");
        assertThat(db.at("/ingress/allow/0/from/pods/0/name").asText()).isEqualTo("a");
        assertThat(db.at("/ingress/allow/0/from/pods/0/addresses/0").asText()).isEqualTo("10.1.0.1");
        assertThat(db.at("/ingress/allow/0/ports/0/port").asInt())
                .as("named port resolved on the pod")
                .isEqualTo(5432);
        assertThat(db.at("/egress/isolated").asBoolean()).isFalse();
        assertThat(rules(alice, "x", "a").at("/ingress/isolated").asBoolean()).isFalse();

        assertThat(check(alice, "x/a", "x/b", 5432).at("/status/allowed").asBoolean())
                .isTrue();
        JsonNode refused = check(alice, "x/c", "x/b", 5432);
        assertThat(refused.at("/status/allowed").asBoolean()).isFalse();
        assertThat(refused.at("/status/egress/allowed").asBoolean()).isTrue();
        assertThat(refused.at("/status/reason").asText())
                .isEqualTo("pod x/b is isolated for ingress by policies "
                        + "[x/db-from-web]; none admits pod x/c on TCP 5432");
        assertThat(check(alice, "x/a", "x/b", 80).at("/status/allowed").asBoolean())
                .as("another port")
                .isFalse();
        assertThat(check(alice, "node:node-1", "x/b", 80).at("/status/allowed").asBoolean())
                .as("a node reaches its own pods")
                .isTrue();

        // A label change is seen by the very next read.
        ok(alice.patch(
                "/api/v1/namespaces/x/pods/c",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}"));
        assertThat(check(alice, "x/c", "x/b", 5432).at("/status/allowed").asBoolean())
                .isTrue();
        ok(alice.patch(
                "/api/v1/namespaces/x/pods/c",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"app\":\"other\"}}}"));

        // A replace replaces; a deletion restores connectivity.
        Response replaced = alice.put(
                V1 + "x/networkpolicies/db-from-web",
                policy("db-from-web", "db", "[{\"from\":[{\"podSelector\":{\"matchLabels\":{\"app\":\"other\"}}}]}]"));
        ok(replaced);
        assertThat(check(alice, "x/a", "x/b", 5432).at("/status/allowed").asBoolean())
                .isFalse();
        assertThat(check(alice, "x/c", "x/b", 5432).at("/status/allowed").asBoolean())
                .isTrue();
        ok(alice.delete(V1 + "x/networkpolicies/db-from-web"));
        assertThat(rules(alice, "x", "b").at("/ingress/isolated").asBoolean()).isFalse();
        assertThat(check(alice, "x/a", "x/b", 5432).at("/status/allowed").asBoolean())
                .isTrue();
    }

    @Test
    void anotherTenantsPodsAppearAsAddressesOnly() {
        ok(alice.post(
                V1 + "x/networkpolicies",
                policy(
                        "from-ops",
                        "other",
                        "[{\"from\":[{\"namespaceSelector\":{\"matchLabels\":{\"team\":\"ops\"}}}]}]")));

        Response shown = alice.get(RULES + "x/effectiverules/c");
        assertThat(shown.body()).doesNotContain("\"z\"").doesNotContain("\"w\"").doesNotContain("monitor");
        assertThat(shown.json().at("/ingress/allow/0/from/pods/0/addresses/0").asText())
                .isEqualTo("10.9.0.1");
        assertThat(shown.json().at("/ingress/allow/0/from/pods/0/name").isMissingNode())
                .isTrue();
        assertThat(platform.get(RULES + "x/effectiverules/c")
                        .json()
                        .at("/ingress/allow/0/from/pods/0/name")
                        .asText())
                .as("the platform sees everything")
                .isEqualTo("w");

        assertThat(alice.get(RULES + "z/effectiverules/w").status()).isEqualTo(404);
        assertThat(alice.get(RULES + "z/effectiverules").status()).isEqualTo(404);
        Response byName = alice.post(CHECKS, body("z/w", "x/c", 80));
        assertThat(byName.status()).as("another tenant's pod cannot be named").isEqualTo(404);
        JsonNode byAddress = check(alice, "10.9.0.1", "x/c", 80);
        assertThat(byAddress.at("/status/allowed").asBoolean()).isTrue();
        assertThat(byAddress.toString()).doesNotContain("z/w").doesNotContain("\"w\"");
        assertThat(byAddress.at("/status/egress/reason").asText()).contains("another tenant");
        JsonNode outward = check(alice, "x/c", "10.9.0.1", 80);
        assertThat(outward.at("/status/ingress/reason").asText()).contains("another tenant");
        ok(alice.delete(V1 + "x/networkpolicies/from-ops"));
    }

    @Test
    void theRulesAsTheyWereAtAPastRevisionOrTime() throws Exception {
        long before = Long.parseLong(alice.get(RULES + "x/effectiverules")
                .json()
                .at("/metadata/resourceVersion")
                .asText());
        Response created = alice.post(
                V1 + "x/networkpolicies",
                policy("past-only", "db", "[{\"from\":[{\"podSelector\":{\"matchLabels\":{\"app\":\"web\"}}}]}]"));
        ok(created);
        long isolatedAt =
                Long.parseLong(created.json().at("/metadata/resourceVersion").asText());
        Thread.sleep(20);
        Instant whileIsolated = Instant.now();
        Thread.sleep(20);
        ok(alice.delete(V1 + "x/networkpolicies/past-only"));
        assertThat(rules(alice, "x", "b").at("/ingress/isolated").asBoolean())
                .as("now")
                .isFalse();

        JsonNode then =
                alice.get(RULES + "x/effectiverules/b?revision=" + isolatedAt).json();
        assertThat(then.at("/ingress/isolated").asBoolean()).isTrue();
        assertThat(then.at("/ingress/allow/0/from/pods/0/name").asText()).isEqualTo("a");
        assertThat(then.at("/metadata/resourceVersion").asText())
                .as("the answer says which revision")
                .isEqualTo(Long.toString(isolatedAt));
        assertThat(alice.get(RULES + "x/effectiverules/b?revision=" + before)
                        .json()
                        .at("/ingress/isolated")
                        .asBoolean())
                .isFalse();
        assertThat(alice.get(RULES + "x/effectiverules/b?asOf=" + whileIsolated)
                        .json()
                        .at("/ingress/isolated")
                        .asBoolean())
                .isTrue();
        JsonNode list =
                alice.get(RULES + "x/effectiverules?revision=" + isolatedAt).json();
        assertThat(list.at("/metadata/resourceVersion").asText()).isEqualTo(Long.toString(isolatedAt));
        assertThat(list.get("items")).hasSize(3);

        // Connectivity checks, then and now.
        JsonNode checkedThen = alice.post(CHECKS + "?revision=" + isolatedAt, body("x/c", "x/b", 5432))
                .json();
        assertThat(checkedThen.at("/status/allowed").asBoolean()).isFalse();
        assertThat(checkedThen.at("/status/reason").asText()).contains("x/past-only");
        assertThat(checkedThen.at("/metadata/resourceVersion").asText()).isEqualTo(Long.toString(isolatedAt));
        assertThat(check(alice, "x/c", "x/b", 5432).at("/status/allowed").asBoolean())
                .isTrue();
        assertThat(alice.post(CHECKS + "?revision=1", body("x/c", "x/b", 5432)).status())
                .as("the pods did not exist yet")
                .isEqualTo(404);

        assertThat(alice.get(RULES + "x/effectiverules/b?revision=1").status())
                .as("x did not exist yet")
                .isEqualTo(404);
        assertThat(alice.get(RULES + "x/effectiverules/b?revision=999999999").status())
                .isEqualTo(400);
        assertThat(alice.get(RULES + "x/effectiverules/b?asOf=yesterday").status())
                .isEqualTo(400);
        assertThat(alice.get(RULES + "z/effectiverules/w?revision=" + isolatedAt)
                        .status())
                .as("another tenant's past is not alice's either")
                .isEqualTo(404);
    }

    @Test
    void theSeedsNamespaceIsolationAndAlphaPoliciesAreApplied() {
        ok(platform.post(
                "/api/v1/namespaces",
                "{\"metadata\":{\"name\":\"legacy\",\"labels\":"
                        + "{\"policyledger.io/tenant\":\"tenant-a\"},\"annotations\":"
                        + "{\"net.alpha.kubernetes.io/network-isolation\":\"on\"}}}"));
        ok(platform.post("/api/v1/namespaces/legacy/pods", pod("front", "web", "10.2.0.1")));
        ok(platform.post("/api/v1/namespaces/legacy/pods", pod("back", "db", "10.2.0.2")));

        JsonNode back = rules(alice, "legacy", "back");
        assertThat(back.at("/ingress/isolated").asBoolean()).isTrue();
        assertThat(back.at("/ingress/isolatedBy/namespaceAnnotation").asBoolean())
                .isTrue();
        assertThat(check(alice, "legacy/front", "legacy/back", 5432)
                        .at("/status/allowed")
                        .asBoolean())
                .isFalse();

        ok(
                alice.post(
                        "/apis/net.alpha.kubernetes.io/v1alpha1/namespaces/legacy/networkpolicys",
                        "{\"metadata\":{\"name\":\"back-from-front\"},\"spec\":{\"podSelector\":{\"app\":\"db\"},"
                                + "\"allowIncoming\":{\"from\":[{\"pods\":{\"app\":\"web\"}}],\"toPorts\":[{\"port\":5432}]}}}"));

        JsonNode allowed = check(alice, "legacy/front", "legacy/back", 5432);
        assertThat(allowed.at("/status/allowed").asBoolean()).isTrue();
        assertThat(allowed.at("/status/ingress/allowedBy/0/apiVersion").asText())
                .isEqualTo("net.alpha.kubernetes.io/v1alpha1");
        assertThat(check(alice, "legacy/front", "legacy/back", 5433)
                        .at("/status/allowed")
                        .asBoolean())
                .isFalse();

        ok(alice.patch(
                "/api/v1/namespaces/legacy",
                "application/merge-patch+json",
                "{\"metadata\":{\"annotations\":{\"net.alpha.kubernetes.io/network-isolation\":\"off\"}}}"));
        assertThat(check(alice, "legacy/front", "legacy/back", 5433)
                        .at("/status/allowed")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void badChecksAreRefusedFieldByField() {
        List<Response> bad = new ArrayList<>();
        bad.add(alice.post(CHECKS, "{\"spec\":{\"from\":\"x/a\",\"to\":\"x/b\",\"port\":0}}"));
        bad.add(alice.post(CHECKS, "{\"spec\":{\"from\":\"x/a\",\"to\":\"x/b\",\"port\":80,\"protocol\":\"ICMP\"}}"));
        bad.add(alice.post(CHECKS, "{\"spec\":{\"from\":\"not an address\",\"to\":\"x/b\",\"port\":80}}"));
        bad.add(alice.post(CHECKS, "{\"spec\":{\"from\":\"x/a\",\"to\":\"x/b\",\"port\":\"nope\"}}"));
        bad.add(alice.post(CHECKS, "{\"spec\":{\"to\":\"x/b\",\"port\":80}}"));

        assertThat(bad).extracting(Response::status).containsOnly(422);
        assertThat(bad)
                .extracting(r -> r.text("/details/causes/0/field"))
                .containsExactly("spec.port", "spec.protocol", "spec.from", "spec.port", "spec.from");
        assertThat(alice.post(CHECKS, "{\"sepc\":{}}").status()).isEqualTo(400);
        assertThat(alice.post(CHECKS, body("x/nobody", "x/b", 80)).status()).isEqualTo(404);
        assertThat(check(alice, "x/a", "x/b", "pg").at("/status/port").asInt())
                .as("named port of the destination")
                .isEqualTo(5432);
    }

    private static JsonNode rules(ApiClient as, String namespace, String pod) {
        Response r = as.get(RULES + namespace + "/effectiverules/" + pod);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode check(ApiClient as, String from, String to, Object port) {
        Response r = as.post(CHECKS, body(from, to, port));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static String body(String from, String to, Object port) {
        return "{\"apiVersion\":\"policyledger.io/v1\",\"kind\":\"ConnectivityCheck\",\"spec\":{\"from\":\"" + from
                + "\",\"to\":\"" + to + "\",\"port\":" + (port instanceof String ? "\"" + port + "\"" : port)
                + ",\"protocol\":\"TCP\"}}";
    }

    static String pod(String name, String app, String ip) {
        return "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"" + app + "\"}},\"spec\":{\"nodeName\":"
                + "\"node-1\",\"containers\":[{\"name\":\"main\",\"ports\":[{\"name\":\"pg\",\"containerPort\":5432}]}]},"
                + "\"status\":{\"podIP\":\"" + ip + "\"}}";
    }

    static String policy(String name, String app, String ingress) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"podSelector\":{\"matchLabels\":{\"app\":\"" + app
                + "\"}},\"ingress\":" + ingress + "}}";
    }

    static void ok(Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    }
}
