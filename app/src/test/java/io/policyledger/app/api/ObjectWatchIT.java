package io.policyledger.app.api;

import static io.policyledger.app.testing.Bodies.allowFrom;
import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.namespaceOf;
import static io.policyledger.app.testing.Bodies.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.app.testing.WatchStream;
import io.policyledger.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ?watch=true} on object lists: what a kubectl -w, a controller or a GitOps tool relies on. */
class ObjectWatchIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String POLICIES = "/apis/networking.k8s.io/v1/namespaces/watched/networkpolicies";

    private static RunningApp app;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        app = RunningApp.start(TestDatabase.createDatabase());
        api = app.api();
        assertThat(api.post("/api/v1/namespaces", namespace("watched", "{}")).status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyVersionAfterTheResourceVersionIsReportedInOrderEvenAfterTheFact() {
        String rv = api.get(POLICIES).text("/metadata/resourceVersion");
        api.post(POLICIES, allowFrom("p1", "a"));
        api.patch(POLICIES + "/p1", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"v\":\"2\"}}}");
        api.patch(POLICIES + "/p1", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"v\":\"3\"}}}");
        api.delete(POLICIES + "/p1");

        // Opened after all four writes: the log still has every one of them.
        try (WatchStream watch = api.watch(POLICIES + "?watch=true&resourceVersion=" + rv)) {
            List<JsonNode> events = watch.until(e -> e.path("type").asText().equals("DELETED"), WAIT);
            assertThat(events)
                    .extracting(e -> e.path("type").asText())
                    .containsExactly("ADDED", "MODIFIED", "MODIFIED", "DELETED");
            assertThat(events.get(1).at("/object/metadata/labels/v").asText()).isEqualTo("2");
            assertThat(events.get(2).at("/object/metadata/labels/v").asText()).isEqualTo("3");
            long previous = Long.parseLong(rv);
            for (JsonNode e : events) {
                long at =
                        Long.parseLong(e.at("/object/metadata/resourceVersion").asText());
                assertThat(at).isGreaterThan(previous);
                previous = at;
            }
        }
    }

    @Test
    void withoutAResourceVersionTheWatchOpensWithTheObjectsThatExistThenFollowsChanges() {
        api.post(POLICIES, allowFrom("existing", "a"));
        try (WatchStream watch =
                api.watch(POLICIES + "?watch=true&fieldSelector=metadata.name%3Dexisting" + "&resourceVersion=0")) {
            JsonNode first = watch.next(WAIT);
            assertThat(first.path("type").asText()).isEqualTo("ADDED");
            assertThat(first.at("/object/metadata/name").asText()).isEqualTo("existing");
            api.post(POLICIES, allowFrom("other", "a")); // not selected: never reported
            api.delete(POLICIES + "/existing");
            JsonNode deleted = watch.next(WAIT);
            assertThat(deleted.path("type").asText()).isEqualTo("DELETED");
            assertThat(deleted.at("/object/metadata/name").asText()).isEqualTo("existing");
        }
    }

    @Test
    void fromAResourceVersionAnObjectThatExistedThenIsModifiedNotAdded() {
        api.post(POLICIES, allowFrom("known", "a"));
        String rv = api.get(POLICIES).text("/metadata/resourceVersion");
        try (WatchStream watch = api.watch(POLICIES + "?watch=true&resourceVersion=" + rv)) {
            api.patch(POLICIES + "/known", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"v\":\"2\"}}}");
            JsonNode change = watch.next(WAIT);
            assertThat(change.path("type").asText()).isEqualTo("MODIFIED");
            assertThat(change.at("/object/metadata/name").asText()).isEqualTo("known");
        }
    }

    @Test
    void anObjectThatStopsMatchingTheLabelSelectorIsDeletedFromTheWatchersView() {
        api.post(POLICIES, allowFrom("labelled", "a"));
        api.patch(
                POLICIES + "/labelled", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"tier\":\"x\"}}}");
        try (WatchStream watch = api.watch(POLICIES + "?watch=true&labelSelector=tier%3Dx")) {
            assertThat(watch.next(WAIT).path("type").asText()).isEqualTo("ADDED");
            api.patch(
                    POLICIES + "/labelled",
                    "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"tier\":\"y\"}}}");
            JsonNode left = watch.next(WAIT);
            assertThat(left.path("type").asText()).isEqualTo("DELETED");
            api.patch(
                    POLICIES + "/labelled",
                    "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"tier\":\"x\"}}}");
            assertThat(watch.next(WAIT).path("type").asText()).isEqualTo("ADDED");
        }
    }

    @Test
    void aTenantsWatchShowsItsOwnNamespacesOnlyAndTheWatchEndsAtItsTimeout() {
        api.post("/apis/policyledger.io/v1/tenants", tenant("other"));
        String token = app.mint("other", "tenant-admin", "olga");
        ApiClient other = api.as(token);
        try (WatchStream watch = other.watch("/api/v1/namespaces?watch=true&timeoutSeconds=2")) {
            api.post("/api/v1/namespaces", namespaceOf("other", "others-own", "{}"));
            JsonNode first = watch.next(WAIT);
            assertThat(first.at("/object/metadata/name").asText()).isEqualTo("others-own");
            assertThat(watch.endsWithin(WAIT)).isTrue();
        }
        assertThat(other.get(POLICIES + "?watch=true").status()).isEqualTo(404);
    }

    @Test
    void aNamespaceNameTakenOverByAnotherTenantDoesNotShowTheFormerOwnersHistory() {
        api.post("/apis/policyledger.io/v1/tenants", tenant("first"));
        api.post("/apis/policyledger.io/v1/tenants", tenant("second"));
        String reused = "/apis/networking.k8s.io/v1/namespaces/reused/networkpolicies";
        assertThat(api.post("/api/v1/namespaces", namespaceOf("first", "reused", "{}"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(reused, allowFrom("firsts-secret", "a")).status()).isEqualTo(201);
        assertThat(api.delete(reused + "/firsts-secret").status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/namespaces/reused").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/namespaces", namespaceOf("second", "reused", "{}"))
                        .status())
                .isEqualTo(201);
        ApiClient second = api.as(app.mint("second", "tenant-admin", "sam"));
        assertThat(second.post(reused, allowFrom("seconds-own", "a")).status()).isEqualTo(201);

        try (WatchStream watch = second.watch(reused + "?watch=true&resourceVersion=1&timeoutSeconds=3")) {
            List<JsonNode> events =
                    watch.until(e -> e.at("/object/metadata/name").asText().equals("seconds-own"), WAIT);
            assertThat(events)
                    .extracting(e -> e.at("/object/metadata/name").asText())
                    .containsExactly("seconds-own");
            assertThat(watch.endsWithin(WAIT)).isTrue();
        }
    }

    @Test
    void bookmarksCarryTheNewestRevisionWhenAsked() {
        try (WatchStream watch = api.watch("/api/v1/namespaces/watched/pods?watch=true&allowWatchBookmarks=true"
                + "&resourceVersion=" + api.get(POLICIES).text("/metadata/resourceVersion"))) {
            JsonNode bookmark = watch.until(e -> e.path("type").asText().equals("BOOKMARK"), Duration.ofSeconds(30))
                    .get(0);
            assertThat(bookmark.at("/object/kind").asText()).isEqualTo("Pod");
            assertThat(bookmark.at("/object/metadata/resourceVersion").asLong()).isPositive();
        }
    }
}
