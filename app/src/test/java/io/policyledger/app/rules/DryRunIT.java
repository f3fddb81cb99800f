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
 * {@code ?dryRun=All}: the write is decided as for real (and refused as for real) but nothing is
 * stored; the answer is the object as it would be, and the connections whose verdict would change.
 */
class DryRunIT {

    private static final String POLICIES = "/apis/networking.k8s.io/v1/namespaces/x/networkpolicies";
    private static final String DB_FROM_WEB = policy(
            "db-from-web",
            "db",
            "[{\"from\":[{\"podSelector\":{\"matchLabels\":{\"app\":\"web\"}}}],\"ports\":[{\"port\":\"pg\"}]}]");

    private static RunningApp app;
    private static ApiClient platform;
    private static ApiClient alice;

    @BeforeAll
    static void world() {
        app = RunningApp.start(TestDatabase.createDatabase());
        platform = app.api();
        platform.post("/apis/policyledger.io/v1/tenants", tenant("tenant-b"));
        ok(platform.post("/api/v1/namespaces", namespaceOf("tenant-a", "x", "{}")));
        ok(platform.post("/api/v1/namespaces", namespaceOf("tenant-b", "z", "{}")));
        ok(platform.post("/api/v1/namespaces/x/pods", pod("a", "web", "10.1.0.1")));
        ok(platform.post("/api/v1/namespaces/x/pods", pod("b", "db", "10.1.0.2")));
        ok(platform.post("/api/v1/namespaces/x/pods", pod("c", "other", "10.1.0.3")));
        ok(platform.post("/api/v1/namespaces/z/pods", pod("w", "web", "10.9.0.1")));
        alice = platform.as(app.mint("tenant-a", "tenant-admin", "alice"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aDryRunCreateStoresNothingAndListsWhatTheNewPolicyWouldRefuse() {
        long events = app.eventCount();
        long objectsInX = objectsIn("x");

        Response preview = alice.post(POLICIES + "?dryRun=All", DB_FROM_WEB);

        assertThat(preview.status()).as(preview.toString()).isEqualTo(201);
        assertThat(preview.text("/spec/policyTypes/0"))
                .as("defaults applied as for real")
                .isEqualTo("Ingress");
        assertThat(preview.json().at("/metadata/resourceVersion").isMissingNode())
                .isTrue();
        assertThat(changes(preview))
                .contains(
                        "x/a -> x/b TCP 1-5431 allowed->denied",
                        "x/a -> x/b TCP 5433-65535 allowed->denied",
                        "x/a -> x/b UDP 1-65535 allowed->denied",
                        "x/c -> x/b TCP 1-65535 allowed->denied")
                .noneMatch(c -> c.startsWith("x/a -> x/b TCP 5432"))
                .noneMatch(c -> c.contains("-> x/a") || c.contains("-> x/c"));
        assertThat(changes(preview))
                .as("another tenant's pod shown by address")
                .contains("10.9.0.1 -> x/b TCP 1-65535 allowed->denied")
                .noneMatch(c -> c.contains("z/w"));
        assertThat(app.eventCount()).isEqualTo(events);
        assertThat(alice.get(POLICIES + "/db-from-web").status()).isEqualTo(404);
        assertThat(objectsIn("x"))
                .as("the namespace's object count was not touched")
                .isEqualTo(objectsInX);
    }

    @Test
    void aDryRunLabelChangeOrDeletionPreviewsAndLeavesEverythingAsItWas() {
        ok(
                alice.post(
                        POLICIES,
                        policy(
                                "pg-from-web",
                                "db",
                                "[{\"from\":[{\"podSelector\":{\"matchLabels\":{\"app\":\"web\"}}}],\"ports\":[{\"port\":5432}]}]")));
        long events = app.eventCount();

        Response relabel = alice.patch(
                "/api/v1/namespaces/x/pods/c?dryRun=All",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}");
        assertThat(relabel.status()).as(relabel.toString()).isEqualTo(200);
        assertThat(relabel.text("/metadata/labels/app")).isEqualTo("web");
        assertThat(changes(relabel)).containsExactly("x/c -> x/b TCP 5432 denied->allowed");
        assertThat(alice.get("/api/v1/namespaces/x/pods/c").text("/metadata/labels/app"))
                .isEqualTo("other");

        Response deletion = alice.delete(POLICIES + "/pg-from-web?dryRun=All");
        assertThat(deletion.status()).isEqualTo(200);
        assertThat(deletion.text("/kind")).isEqualTo("Status");
        assertThat(changes(deletion)).contains("x/c -> x/b TCP 1-65535 denied->allowed");
        assertThat(alice.get(POLICIES + "/pg-from-web").status()).isEqualTo(200);
        assertThat(app.eventCount()).isEqualTo(events);
        ok(alice.delete(POLICIES + "/pg-from-web"));
    }

    @Test
    void aDryRunIsRefusedExactlyAsTheWriteWouldBe() {
        ApiClient viewer = platform.as(app.mint("tenant-a", "tenant-viewer", "val"));
        ApiClient bob = platform.as(app.mint("tenant-b", "tenant-admin", "bob"));
        long events = app.eventCount();

        assertThat(alice.post(POLICIES + "?dryRun=All", policy("Bad_Name", "db", "[]"))
                        .status())
                .isEqualTo(422);
        assertThat(viewer.post(POLICIES + "?dryRun=All", DB_FROM_WEB).status()).isEqualTo(403);
        assertThat(bob.post(POLICIES + "?dryRun=All", DB_FROM_WEB).status()).isEqualTo(404);
        assertThat(alice.post(POLICIES + "?dryRun=Maybe", DB_FROM_WEB).status()).isEqualTo(400);
        assertThat(alice.post("/api/v1/namespaces/x/pods?dryRun=All", pod("d", "web", "10.1.0.9"))
                        .status())
                .as("tenants do not claim addresses, not even in a dry run")
                .isEqualTo(403);
        Response taken = platform.post("/api/v1/namespaces/x/pods?dryRun=All", pod("d", "web", "10.1.0.1"));
        assertThat(taken.status()).as("an address already registered").isEqualTo(409);
        Response fine = platform.post("/api/v1/namespaces/x/pods?dryRun=All", pod("d", "web", "10.1.0.9"));
        assertThat(fine.status()).isEqualTo(201);
        assertThat(platform.post("/api/v1/namespaces/x/pods", pod("d", "web", "10.1.0.9"))
                        .status())
                .as("the dry run reserved nothing")
                .isEqualTo(201);
        assertThat(app.eventCount()).isEqualTo(events + 1);
    }

    private static long objectsIn(String namespace) {
        return app.jdbc()
                .queryForObject(
                        "SELECT object_count FROM namespace_occupancy WHERE namespace = ?", Long.class, namespace);
    }

    private static List<String> changes(Response r) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : r.json().at("/impact/changes")) {
            String ports = c.get("port").asText()
                    + (c.has("endPort") ? "-" + c.get("endPort").asText() : "");
            out.add(c.get("from").asText() + " -> " + c.get("to").asText() + " "
                    + c.get("protocol").asText() + " " + ports + " "
                    + c.get("before").asText() + "->" + c.get("after").asText());
        }
        return out;
    }
}
