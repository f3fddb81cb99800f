package io.policyledger.app.audit;

import static io.policyledger.app.testing.Bodies.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail through the API: who changed what and when (with what changed, for replacements),
 * filtered, paged and exported; each tenant sees the history of what was its own, also after a
 * namespace name passed to another tenant.
 */
class AuditTrailIT {

    private static final String EVENTS = "/apis/policyledger.io/v1/events";
    private static RunningApp app;
    private static ApiClient platform;
    private static ApiClient alice;
    private static ApiClient bob;

    @BeforeAll
    static void history() {
        app = RunningApp.start(TestDatabase.createDatabase());
        platform = app.api();
        ok(platform.post("/apis/policyledger.io/v1/tenants", tenant("tenant-b")));
        alice = platform.as(app.mint("tenant-a", "tenant-admin", "alice"));
        bob = platform.as(app.mint("tenant-b", "tenant-admin", "-bob"));

        Response created = alice.send(HttpRequest.newBuilder(alice.uri("/api/v1/namespaces"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "req-shop-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"shop\"}}")));
        ok(created);
        ok(alice.post(
                "/api/v1/namespaces/shop/pods",
                "{\"metadata\":{\"name\":\"web-1\",\"labels\":{\"app\":\"web\"}},"
                        + "\"spec\":{\"nodeName\":\"node-1\",\"containers\":[{\"name\":\"main\"}]}}"));
        ok(alice.patch(
                "/api/v1/namespaces/shop/pods/web-1",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"app\":\"batch\"}}}"));
        ok(bob.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"games\"}}"));
        ok(bob.post(
                "/api/v1/namespaces/games/pods",
                "{\"metadata\":{\"name\":\"arcade\"},"
                        + "\"spec\":{\"nodeName\":\"node-1\",\"containers\":[{\"name\":\"main\"}]}}"));
        // The name "shop" passes from tenant-a to tenant-b.
        ok(alice.delete("/api/v1/namespaces/shop/pods/web-1"));
        ok(alice.delete("/api/v1/namespaces/shop"));
        ok(bob.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"shop\"}}"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void thePlatformSeesWhoChangedWhatAndWhatChanged() {
        JsonNode items = platform.get(EVENTS + "?kind=Pod&name=web-1").json().get("items");
        assertThat(items)
                .extracting(e -> e.get("type").asText())
                .containsExactly("PodCreated", "PodUpdated", "PodDeleted");
        JsonNode updated = items.get(1);
        assertThat(updated.at("/actor/subject").asText()).isEqualTo("alice");
        assertThat(updated.at("/actor/role").asText()).isEqualTo("tenant-admin");
        assertThat(updated.at("/actor/tenant").asText()).isEqualTo("tenant-a");
        assertThat(updated.at("/object/kind").asText()).isEqualTo("Pod");
        assertThat(updated.at("/object/namespace").asText()).isEqualTo("shop");
        assertThat(updated.at("/object/tenant").asText()).isEqualTo("tenant-a");
        assertThat(updated.at("/change/labels/app").asText()).isEqualTo("batch");
        assertThat(updated.get("diff").toString())
                .contains("{\"path\":\"/labels/app\",\"before\":\"web\",\"after\":\"batch\"}");
        assertThat(updated.get("time").asText()).endsWith("Z");
        assertThat(updated.get("source").asText()).isNotEmpty();

        JsonNode first =
                platform.get(EVENTS + "?type=NamespaceCreated&name=shop").json().at("/items/0");
        assertThat(first.get("requestId").asText()).isEqualTo("req-shop-1");

        assertThat(platform.get(EVENTS + "?actor=-bob").json().get("items"))
                .extracting(e -> e.get("type").asText())
                .containsExactly("NamespaceCreated", "PodCreated", "NamespaceCreated");
        long pivot = items.get(1).get("revision").asLong();
        assertThat(platform.get(EVENTS + "?kind=Pod&fromRevision=" + pivot + "&toRevision=" + pivot)
                        .json()
                        .get("items"))
                .hasSize(1);
        assertThat(platform.get(EVENTS + "?since=2999-01-01T00:00:00Z").json().get("items"))
                .isEmpty();
        assertThat(platform.get(EVENTS + "?since=yesterday").status()).isEqualTo(400);
        assertThat(platform.get(EVENTS + "?kind=Gadget").status()).isEqualTo(400);
    }

    @Test
    void pagesFollowEachOtherInRevisionOrderAndExportsHoldEverything() {
        List<JsonNode> all = new ArrayList<>();
        platform.get(EVENTS + "?limit=5000").json().get("items").forEach(all::add);
        List<JsonNode> paged = new ArrayList<>();
        String next = "";
        do {
            JsonNode page = platform.get(EVENTS + "?limit=3" + (next.isEmpty() ? "" : "&continue=" + next))
                    .json();
            page.get("items").forEach(paged::add);
            next = page.at("/metadata/continue").asText("");
        } while (!next.isEmpty());
        assertThat(paged).isEqualTo(all);
        assertThat(all).extracting(e -> e.get("revision").asLong()).isSorted().hasSize((int) app.eventCount());

        String ndjson = platform.get(EVENTS + "?format=ndjson").body();
        assertThat(ndjson.split("\n")).hasSize(all.size());
        String csv = platform.get(EVENTS + "?format=csv&actor=-bob").body();
        assertThat(csv.split("\n"))
                .hasSize(4)
                .startsWith("revision,time,actor,role,actorTenant,requestId,source,type,kind,namespace,name,tenant");
        assertThat(csv)
                .as("a spreadsheet formula is defused")
                .contains(",\"'-bob\",")
                .doesNotContain(",-bob,");
        assertThat(platform.get(EVENTS + "?continue=bogus").status()).isEqualTo(400);
    }

    @Test
    void eachTenantSeesTheHistoryOfWhatWasItsOwn() {
        JsonNode mine = alice.get("/apis/policyledger.io/v1/tenants/tenant-a/events")
                .json()
                .get("items");
        assertThat(mine)
                .extracting(e -> e.at("/object/name").asText())
                .contains("shop", "web-1")
                .doesNotContain("games", "arcade");
        assertThat(mine.toString()).doesNotContain("tenant-b").doesNotContain("-bob");
        assertThat(alice.get("/apis/policyledger.io/v1/tenants/tenant-b/events").status())
                .isEqualTo(404);
        assertThat(alice.get("/apis/policyledger.io/v1/namespaces/games/events").status())
                .isEqualTo(404);
        assertThat(alice.get(EVENTS).status()).isEqualTo(403);

        // "shop" is bob's now: he sees its history since it became his, not alice's before.
        JsonNode shop = bob.get("/apis/policyledger.io/v1/namespaces/shop/events")
                .json()
                .get("items");
        assertThat(shop).extracting(e -> e.get("type").asText()).containsExactly("NamespaceCreated");
        assertThat(shop.toString()).doesNotContain("alice").doesNotContain("web-1");
        assertThat(platform.get("/apis/policyledger.io/v1/namespaces/shop/events")
                        .json()
                        .get("items"))
                .as("the platform sees both owners' history")
                .hasSize(6);
    }

    private static void ok(Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    }
}
