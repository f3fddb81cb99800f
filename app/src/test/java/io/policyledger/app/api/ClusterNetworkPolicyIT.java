package io.policyledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.Bodies;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ClusterNetworkPolicy as a stored resource: validated as upstream, one event per change in its own
 * stream, readable as of any revision and in the audit trail. What it does to connections:
 * {@code PlatformTiersIT}.
 */
class ClusterNetworkPolicyIT {

    private static final String CNPS = "/apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies";
    private static final String ADMIN_DENY = "{\"apiVersion\":\"policy.networking.k8s.io/v1alpha2\","
            + "\"kind\":\"ClusterNetworkPolicy\",\"metadata\":{\"name\":\"deny-db\"},\"spec\":{\"tier\":\"Admin\","
            + "\"priority\":10,\"subject\":{\"namespaces\":{\"matchLabels\":{\"tier\":\"db\"}}},\"ingress\":[{\"name\":"
            + "\"block\",\"action\":\"Deny\",\"from\":[{\"namespaces\":{}}]}]}}";

    private static RunningApp app;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        app = RunningApp.start(TestDatabase.createDatabase());
        api = app.api();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aChangeIsOneEventAndThePastStateStaysReadable() {
        ApiClient.Response created = api.post(CNPS, ADMIN_DENY);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String first = created.text("/metadata/resourceVersion");
        long events = app.eventCount();

        ApiClient.Response passed = api.patch(
                CNPS + "/deny-db",
                "application/merge-patch+json",
                "{\"spec\":{\"ingress\":[{\"name\":\"block\",\"action\":\"Pass\",\"from\":[{\"namespaces\":{}}]}]}}");
        assertThat(passed.status()).as(passed.toString()).isEqualTo(200);
        assertThat(passed.text("/metadata/generation")).isEqualTo("2");
        assertThat(app.eventCount()).isEqualTo(events + 1);

        assertThat(api.get(CNPS + "/deny-db?revision=" + first).text("/spec/ingress/0/action"))
                .isEqualTo("Deny");
        assertThat(api.get(CNPS + "/deny-db").text("/spec/ingress/0/action")).isEqualTo("Pass");
        java.util.List<String> types = new java.util.ArrayList<>();
        api.get("/apis/policyledger.io/v1/events?kind=ClusterNetworkPolicy")
                .json()
                .at("/items")
                .forEach(e -> {
                    if (e.at("/object/name").asText().equals("deny-db")) {
                        types.add(e.path("type").asText());
                    }
                });
        assertThat(types).containsExactly("ClusterNetworkPolicyCreated", "ClusterNetworkPolicyReplaced");
        assertThat(app.jdbc()
                        .queryForObject(
                                "SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry "
                                        + "WHERE aggregate_identifier = 'clusternetworkpolicies/deny-db'",
                                Long.class))
                .isEqualTo(1);
    }

    @Test
    void anInvalidPolicyIsRefusedFieldByFieldAndStoresNothing() {
        long events = app.eventCount();
        ApiClient.Response r = api.post(
                CNPS,
                "{\"metadata\":{\"name\":\"bad\"},\"spec\":{\"tier\":\"Platform\","
                        + "\"priority\":1001,\"subject\":{},\"egress\":[{\"action\":\"Deny\",\"to\":[{\"networks\":[\"10.0.0.0/8\"]}],"
                        + "\"protocols\":[{\"destinationNamedPort\":\"http\"}]}]}}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/causes").findValuesAsText("field"))
                .containsExactlyInAnyOrder("spec.tier", "spec.priority", "spec.subject", "spec.egress[0]");
        assertThat(app.eventCount()).isEqualTo(events);
    }

    @Test
    void sharingATierAndPriorityIsAllowedWithAWarning() {
        String baseline = "{\"metadata\":{\"name\":\"%s\"},\"spec\":{\"tier\":\"Baseline\",\"priority\":77,"
                + "\"subject\":{\"namespaces\":{}},\"ingress\":[{\"action\":\"Deny\",\"from\":[{\"namespaces\":{}}]}]}}";
        ApiClient.Response first = api.post(CNPS, baseline.formatted("first-77"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.headers().allValues("Warning")).isEmpty();

        ApiClient.Response second = api.post(CNPS, baseline.formatted("second-77"));
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.headers().allValues("Warning"))
                .singleElement()
                .asString()
                .contains("second-77 shares priority 77 in the Baseline tier with first-77");

        // And reads say it in the status, as of the revision read.
        ApiClient.Response now = api.get(CNPS + "/first-77");
        assertThat(now.text("/status/conditions/0/type")).isEqualTo("PrioritySharedWithOthers");
        assertThat(now.text("/status/conditions/0/status")).isEqualTo("True");
        assertThat(now.text("/status/conditions/0/message")).contains("with second-77");
        ApiClient.Response then = api.get(CNPS + "/first-77?revision=" + first.text("/metadata/resourceVersion"));
        assertThat(then.text("/status/conditions/0/status")).as(then.toString()).isEqualTo("False");
        java.util.Map<String, String> listed = new java.util.TreeMap<>();
        api.get(CNPS)
                .json()
                .at("/items")
                .forEach(i -> listed.put(
                        i.at("/metadata/name").asText(),
                        i.at("/status/conditions/0/status").asText()));
        assertThat(listed).containsEntry("first-77", "True").containsEntry("second-77", "True");
    }

    @Test
    void onlyThePlatformWritesThem() {
        api.post("/apis/policyledger.io/v1/tenants", io.policyledger.app.testing.Bodies.tenant("viewers"));
        ApiClient tenant = api.as(app.mint("viewers", "tenant-admin", "tia"));
        ApiClient.Response refused = tenant.post(CNPS, ADMIN_DENY.replace("deny-db", "tenants-own"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("/message")).contains("only a platform admin may");
        assertThat(tenant.delete(CNPS + "/deny-db").status()).isEqualTo(403);
    }

    @Test
    void tenantsReadThoseThatSelectTheirPodsWithoutOtherTenantsNames() {
        api.post("/apis/policyledger.io/v1/tenants", Bodies.tenant("readers"));
        assertThat(api.post("/api/v1/namespaces", Bodies.namespaceOf("readers", "readers-ns", "{}"))
                        .status())
                .isEqualTo(201);
        ApiClient.Response about = api.post(
                CNPS,
                "{\"metadata\":{\"name\":\"about-readers\",\"annotations\":"
                        + "{\"note\":\"keeps rivals out\"}},\"spec\":{\"tier\":\"Admin\","
                        + "\"priority\":20,\"subject\":{\"pods\":{\"namespaceSelector\":{\"matchLabels\":{\"policyledger.io/tenant\":"
                        + "\"readers\"}},\"podSelector\":{\"matchLabels\":{\"app\":\"r\"}}}},\"ingress\":[{\"action\":\"Deny\","
                        + "\"from\":[{\"namespaces\":{\"matchExpressions\":[{\"key\":\"policyledger.io/tenant\",\"operator\":\"In\","
                        + "\"values\":[\"readers\",\"rivals\"]}]}},{\"namespaces\":{\"matchLabels\":{\"kubernetes.io/metadata.name\":"
                        + "\"rivals-ns\"}}}]}]}}");
        assertThat(about.status()).as(about.toString()).isEqualTo(201);
        String beforeTheirPod = about.text("/metadata/resourceVersion");
        assertThat(api.post("/api/v1/namespaces/readers-ns/pods", Bodies.pod("r1", "{\"app\":\"r\"}"))
                        .status())
                .isEqualTo(201);
        ApiClient rita = api.as(app.mint("readers", "tenant-viewer", "rita"));

        assertThat(rita.get(CNPS).json().at("/items").findValuesAsText("name"))
                .contains("about-readers")
                .doesNotContain("deny-db");
        ApiClient.Response shown = rita.get(CNPS + "/about-readers");
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.json()
                        .at("/spec/ingress/0/from/0/namespaces/matchExpressions/0/values")
                        .toString())
                .isEqualTo("[\"readers\",\"(another tenant's)\"]");
        assertThat(shown.text("/spec/ingress/0/from/1/namespaces/matchLabels/kubernetes.io~1metadata.name"))
                .isEqualTo("(another tenant's)");
        assertThat(shown.toString())
                .as("neither in the spec nor in the platform's annotations")
                .doesNotContain("rivals");
        assertThat(api.get(CNPS + "/about-readers").toString())
                .as("the platform sees it whole")
                .contains("rivals-ns");
        assertThat(rita.get(CNPS + "/deny-db").status())
                .as("selects none of their pods")
                .isEqualTo(404);
        // As of a revision when the tenant had no pod there, it did not concern them.
        assertThat(rita.get(CNPS + "?revision=" + beforeTheirPod)
                        .json()
                        .at("/items")
                        .findValuesAsText("name"))
                .doesNotContain("about-readers");
        assertThat(rita.get(CNPS + "/about-readers?revision=" + beforeTheirPod).status())
                .isEqualTo(404);
        assertThat(rita.get(CNPS + "?watch=true").status()).isEqualTo(403);
        assertThat(rita.post(CNPS, ADMIN_DENY.replace("deny-db", "readers-own")).status())
                .isEqualTo(403);
    }
}
