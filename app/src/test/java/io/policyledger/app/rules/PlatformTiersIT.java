package io.policyledger.app.rules;

import static io.policyledger.app.rules.EffectiveRulesIT.ok;
import static io.policyledger.app.rules.EffectiveRulesIT.pod;
import static io.policyledger.app.rules.EffectiveRulesIT.policy;
import static io.policyledger.app.testing.Bodies.namespaceOf;
import static io.policyledger.app.testing.Bodies.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's acceptance through the API: a platform admin's Admin Deny that the payment tenant's own
 * NetworkPolicy cannot open, and a Baseline default deny that tenants' policies can; connectivity checks
 * explain both, dry runs preview them, effective rules and the node stream carry them in order, and the
 * audit trail and {@code ?revision=} show the state before and after.
 */
class PlatformTiersIT {

    private static final String CNPS = "/apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies";
    private static final String CHECKS = "/apis/policyledger.io/v1/connectivitychecks";
    private static final String DB_GUARD = "{\"metadata\":{\"name\":\"db-guard\"},\"spec\":{\"tier\":\"Admin\","
            + "\"priority\":10,\"subject\":{\"namespaces\":{\"matchLabels\":{\"tier\":\"db\"}}},\"ingress\":[{\"name\":"
            + "\"other-tenants\",\"action\":\"Deny\",\"from\":[{\"namespaces\":{\"matchExpressions\":[{\"key\":"
            + "\"policyledger.io/tenant\",\"operator\":\"NotIn\",\"values\":[\"pay\"]}]}}]}]}}";
    private static final String DEFAULT_DENY =
            "{\"metadata\":{\"name\":\"default-deny\"},\"spec\":{\"tier\":\"Baseline\","
                    + "\"priority\":100,\"subject\":{\"namespaces\":{}},\"ingress\":[{\"action\":\"Deny\",\"from\":[{\"namespaces\":{}}]}]}}";

    private static RunningApp app;
    private static ApiClient platform;
    private static ApiClient pay;

    @BeforeAll
    static void world() {
        app = RunningApp.start(TestDatabase.createDatabase());
        platform = app.api();
        platform.post("/apis/policyledger.io/v1/tenants", tenant("pay"));
        platform.post("/apis/policyledger.io/v1/tenants", tenant("shop"));
        ok(platform.post("/api/v1/namespaces", namespaceOf("pay", "pay-db", "{\"tier\":\"db\"}")));
        ok(platform.post("/api/v1/namespaces", namespaceOf("pay", "pay-api", "{}")));
        ok(platform.post("/api/v1/namespaces", namespaceOf("shop", "shop", "{}")));
        ok(platform.post("/api/v1/namespaces/pay-db/pods", pod("db", "db", "10.7.0.1")));
        ok(platform.post("/api/v1/namespaces/pay-db/pods", pod("backup", "backup", "10.7.0.2")));
        ok(platform.post("/api/v1/namespaces/pay-api/pods", pod("api", "api", "10.7.1.1")));
        ok(platform.post("/api/v1/namespaces/shop/pods", pod("web", "web", "10.8.0.1")));
        pay = platform.as(app.mint("pay", "tenant-admin", "pat"));
        // The payment tenant opens its database to everyone, by mistake.
        ok(pay.post(
                "/apis/networking.k8s.io/v1/namespaces/pay-db/networkpolicies",
                policy("db-open", "db", "[{\"from\":[{\"namespaceSelector\":{}}]}]")));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anAdminDenyThatATenantsPolicyCannotOpenAndABaselineDenyThatItCan() {
        String before = revisionOf(platform.get("/api/v1/namespaces/shop/pods/web"));
        assertThat(check(platform, "shop/web", "pay-db/db", 5432)
                        .at("/status/allowed")
                        .asBoolean())
                .isTrue();

        // Previewed first: the dry run lists what the policy would refuse, and stores nothing.
        long events = app.eventCount();
        Response preview = platform.post(CNPS + "?dryRun=All", DB_GUARD);
        assertThat(preview.status()).as(preview.toString()).isEqualTo(201);
        assertThat(changes(preview))
                .contains("shop/web -> pay-db/db TCP 1-65535 allowed->denied")
                .noneMatch(c -> c.startsWith("pay-api/api ->"));
        assertThat(app.eventCount()).isEqualTo(events);

        Response guarded = platform.post(CNPS, DB_GUARD);
        assertThat(guarded.status()).as(guarded.toString()).isEqualTo(201);
        String afterGuard = revisionOf(guarded);

        // The tenant names another tenant's pod by its address, as it would see it on the wire.
        JsonNode denied = check(pay, "10.8.0.1", "pay-db/db", 5432);
        assertThat(denied.at("/status/allowed").asBoolean()).isFalse();
        assertThat(texts(denied.at("/status/ingress/chain")))
                .containsExactly("[Admin] db-guard (priority 10, rule \"other-tenants\") Deny");
        JsonNode ownTenant = check(pay, "pay-api/api", "pay-db/db", 5432);
        assertThat(ownTenant.at("/status/allowed").asBoolean()).isTrue();
        assertThat(texts(ownTenant.at("/status/ingress/chain")))
                .containsExactly("[NetworkPolicy] pay-db/db-open Accept");

        // The tenant cannot open it: its policy already admits everyone, and still the Admin tier decides.
        ok(pay.post(
                "/apis/networking.k8s.io/v1/namespaces/pay-db/networkpolicies",
                policy(
                        "db-from-shop",
                        "db",
                        "[{\"from\":[{\"namespaceSelector\":{\"matchLabels\":"
                                + "{\"policyledger.io/tenant\":\"shop\"}}}]}]")));
        assertThat(check(pay, "10.8.0.1", "pay-db/db", 5432)
                        .at("/status/allowed")
                        .asBoolean())
                .isFalse();

        // The Baseline tier: a default deny where no NetworkPolicy isolates; backup has none, db has its own.
        ok(platform.post(CNPS, DEFAULT_DENY));
        JsonNode backup = check(pay, "pay-api/api", "pay-db/backup", 80);
        assertThat(backup.at("/status/allowed").asBoolean()).isFalse();
        assertThat(texts(backup.at("/status/ingress/chain")))
                .containsExactly("[Baseline] default-deny (priority 100, rule 1) Deny");
        assertThat(check(pay, "pay-api/api", "pay-db/db", 5432)
                        .at("/status/allowed")
                        .asBoolean())
                .isTrue();
        ok(pay.post(
                "/apis/networking.k8s.io/v1/namespaces/pay-db/networkpolicies",
                policy("backup-from-api", "backup", "[{\"from\":[{\"namespaceSelector\":{}}]}]")));
        JsonNode opened = check(pay, "pay-api/api", "pay-db/backup", 80);
        assertThat(opened.at("/status/allowed").asBoolean())
                .as(opened.toString())
                .isTrue();
        assertThat(texts(opened.at("/status/ingress/chain")))
                .containsExactly("[NetworkPolicy] pay-db/backup-from-api Accept");

        // As of any revision: before the guard, the database was open; right after it, closed.
        assertThat(check(platform, "shop/web", "pay-db/db", 5432, before)
                        .at("/status/allowed")
                        .asBoolean())
                .isTrue();
        assertThat(check(platform, "shop/web", "pay-db/db", 5432, afterGuard)
                        .at("/status/allowed")
                        .asBoolean())
                .isFalse();

        // The audit trail names who changed the tiers and when.
        List<String> trail = new ArrayList<>();
        platform.get("/apis/policyledger.io/v1/events?kind=ClusterNetworkPolicy")
                .json()
                .at("/items")
                .forEach(e -> trail.add(
                        e.path("type").asText() + " " + e.at("/object/name").asText()));
        assertThat(trail)
                .containsExactly("ClusterNetworkPolicyCreated db-guard", "ClusterNetworkPolicyCreated default-deny");

        // Effective rules and the node stream carry the tiers, each list in evaluation order.
        JsonNode rules = pay.get("/apis/policyledger.io/v1/namespaces/pay-db/effectiverules/db")
                .json();
        assertThat(rules.at("/ingress/admin/0/action").asText()).isEqualTo("Deny");
        assertThat(rules.at("/ingress/admin/0/clusterNetworkPolicy/name").asText())
                .isEqualTo("db-guard");
        assertThat(rules.at("/ingress/admin/0/clusterNetworkPolicy/rule").asText())
                .isEqualTo("other-tenants");
        assertThat(rules.at("/ingress/baseline/0/clusterNetworkPolicy/name").asText())
                .isEqualTo("default-deny");
        assertThat(rules.at("/ingress/isolated").asBoolean()).isTrue();

        JsonNode stream =
                platform.get("/apis/policyledger.io/v1/nodes/node-1/rules").json();
        JsonNode db = null;
        for (JsonNode item : stream.at("/items")) {
            if (item.path("kind").asText().equals("PodRules")
                    && item.at("/metadata/name").asText().equals("db")) {
                db = item;
            }
        }
        assertThat(db).as(stream.toString()).isNotNull();
        assertThat(db.at("/spec/ingress/admin/0/action").asText()).isEqualTo("Deny");
        assertThat(db.at("/spec/ingress/admin/0/peer/peerSet").asText()).startsWith("ps-");
        assertThat(db.at("/spec/ingress/baseline/0/action").asText()).isEqualTo("Deny");
    }

    private static JsonNode check(ApiClient as, String from, String to, int port) {
        return check(as, from, to, port, null);
    }

    private static JsonNode check(ApiClient as, String from, String to, int port, String revision) {
        Response r = as.post(
                CHECKS + (revision == null ? "" : "?revision=" + revision),
                "{\"spec\":{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"port\":" + port + "}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static String revisionOf(Response r) {
        return r.text("/metadata/resourceVersion");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> changes(Response preview) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : preview.json().at("/impact/changes")) {
            out.add(c.path("from").asText() + " -> " + c.path("to").asText() + " "
                    + c.path("protocol").asText() + " "
                    + c.path("port").asText()
                    + (c.has("endPort") ? "-" + c.path("endPort").asText() : "") + " "
                    + c.path("before").asText() + "->" + c.path("after").asText());
        }
        return out;
    }
}
