package io.policyledger.app.api;

import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lists: label selectors with Kubernetes semantics, pagination with limit/continue, list resourceVersion. */
class ListingIT {

    private static RunningApp app;
    private static ApiClient api;

    /**
     * Namespace "shop" holds pods
     * web-1 {app=web, tier=front}, web-2 {app=web, tier=back}, db-1 {app=db}, bare {} ;
     * namespace "other" holds web-9 {app=web}.
     */
    @BeforeAll
    static void start() {
        app = RunningApp.start(TestDatabase.createDatabase(), "--policy-ledger.read-your-writes-timeout=1s");
        api = app.api();
        api.post("/api/v1/namespaces", namespace("shop", "{\"env\":\"prod\"}"));
        api.post("/api/v1/namespaces", namespace("other", "{\"env\":\"dev\"}"));
        api.post("/api/v1/namespaces/shop/pods", pod("web-1", "{\"app\":\"web\",\"tier\":\"front\"}", "10.0.0.1"));
        api.post("/api/v1/namespaces/shop/pods", pod("web-2", "{\"app\":\"web\",\"tier\":\"back\"}", "10.0.0.2"));
        api.post("/api/v1/namespaces/shop/pods", pod("db-1", "{\"app\":\"db\"}", "10.0.0.3"));
        api.post("/api/v1/namespaces/shop/pods", pod("bare", "{}", "10.0.0.4"));
        api.post("/api/v1/namespaces/other/pods", pod("web-9", "{\"app\":\"web\"}", "10.0.0.9"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static List<String> names(String query) {
        Response r = api.get("/api/v1/namespaces/shop/pods" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return itemNames(r.json());
    }

    private static List<String> itemNames(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.get("items").forEach(i -> names.add(i.at("/metadata/name").asText()));
        return names;
    }

    private static String selector(String s) {
        return "?labelSelector=" + URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aListIsAKindListOrderedByNameWithTheReadModelsRevision() {
        Response r = api.get("/api/v1/namespaces/shop/pods");
        JsonNode body = r.json();

        assertThat(body.get("kind").asText()).isEqualTo("PodList");
        assertThat(body.get("apiVersion").asText()).isEqualTo("v1");
        assertThat(itemNames(body)).containsExactly("bare", "db-1", "web-1", "web-2");
        long newest = app.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        assertThat(body.at("/metadata/resourceVersion").asLong()).isEqualTo(newest);
    }

    @Test
    void equalitySelectsPodsWithThatValue() {
        assertThat(names(selector("app=web"))).containsExactly("web-1", "web-2");
        assertThat(names(selector("app==web"))).containsExactly("web-1", "web-2");
    }

    @Test
    void inequalityAlsoSelectsPodsWithoutTheKey() {
        assertThat(names(selector("app!=web"))).containsExactly("bare", "db-1");
    }

    @Test
    void setSelectorsFollowKubernetesSemantics() {
        assertThat(names(selector("tier in (front,back)"))).containsExactly("web-1", "web-2");
        assertThat(names(selector("tier notin (front)"))).containsExactly("bare", "db-1", "web-2");
    }

    @Test
    void existenceSelectors() {
        assertThat(names(selector("tier"))).containsExactly("web-1", "web-2");
        assertThat(names(selector("!tier"))).containsExactly("bare", "db-1");
    }

    @Test
    void requirementsAreAnded() {
        assertThat(names(selector("app=web,tier!=front"))).containsExactly("web-2");
    }

    @Test
    void anInvalidSelectorIsABadRequest() {
        Response r = api.get("/api/v1/namespaces/shop/pods" + selector("app in (web"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("/reason")).isEqualTo("BadRequest");
        assertThat(r.text("/message")).contains("labelSelector");
    }

    @Test
    void aListAcrossNamespacesShowsEveryNamespace() {
        Response r = api.get("/api/v1/pods" + selector("app=web"));

        List<String> namespaces = new ArrayList<>();
        r.json()
                .get("items")
                .forEach(i -> namespaces.add(i.at("/metadata/namespace").asText()));
        assertThat(namespaces).containsExactly("other", "shop", "shop");
    }

    @Test
    void namespacesAreSelectableByLabelToo() {
        Response r = api.get("/api/v1/namespaces" + selector("env=prod"));

        assertThat(itemNames(r.json())).containsExactly("shop");
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            String q =
                    "?limit=3" + (next == null ? "" : "&continue=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            Response r = api.get("/api/v1/pods" + q);
            assertThat(r.status()).isEqualTo(200);
            JsonNode items = r.json().get("items");
            assertThat(items.size()).isLessThanOrEqualTo(3);
            items.forEach(i -> seen.add(i.at("/metadata/namespace").asText() + "/"
                    + i.at("/metadata/name").asText()));
            next = r.json().at("/metadata/continue").isMissingNode() ? null : r.text("/metadata/continue");
            pages++;
        } while (next != null);

        assertThat(pages).isEqualTo(2);
        assertThat(seen).containsExactly("other/web-9", "shop/bare", "shop/db-1", "shop/web-1", "shop/web-2");
    }

    @Test
    void aContinueTokenNotIssuedByTheServerIsABadRequest() {
        Response r = api.get("/api/v1/pods?limit=1&continue=not-a-token");

        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void aNegativeOrNonNumericLimitIsABadRequest() {
        assertThat(api.get("/api/v1/pods?limit=-1").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/pods?limit=ten").status()).isEqualTo(400);
    }

    @Test
    void aReadAtARevisionNotYetReachedWaitsThenTimesOut() {
        long far = app.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class) + 1000;

        Response r = api.get("/api/v1/namespaces/shop/pods?resourceVersion=" + far);

        assertThat(r.status()).isEqualTo(504);
        assertThat(r.text("/reason")).isEqualTo("Timeout");
    }

    @Test
    void aReadAtAReachedRevisionAnswersAtOnce() {
        long rv = app.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        assertThat(api.get("/api/v1/namespaces/shop/pods?resourceVersion=" + rv).status())
                .isEqualTo(200);
    }
}
