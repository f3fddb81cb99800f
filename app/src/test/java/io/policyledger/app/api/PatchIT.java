package io.policyledger.app.api;

import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.Bodies;
import org.junit.jupiter.api.Test;

/**
 * The patch formats of the Kubernetes API through HTTP, against real PostgreSQL: JSON merge patch, JSON
 * patch (a failed test stores nothing), strategic merge patch (containers merged by name), each with the
 * resourceVersion precondition a client may carry.
 */
class PatchIT extends OneAppPerClass {

    @Test
    void aMergePatchAddsChangesAndRemovesLabels() {
        api.post("/api/v1/namespaces", namespace("patched", "{\"team\":\"a\",\"tier\":\"1\"}"));
        long events = app.eventCount();

        Response r = api.patch(
                "/api/v1/namespaces/patched",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"team\":\"b\",\"tier\":null,\"env\":\"prod\"}}}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/metadata/labels"))
                .hasToString("{\"env\":\"prod\",\"kubernetes.io/metadata.name\":"
                        + "\"patched\",\"policyledger.io/tenant\":\"tenant-a\",\"team\":\"b\"}");
        assertThat(app.eventCount()).isEqualTo(events + 1);
    }

    @Test
    void aMergePatchCarryingAStaleResourceVersionIsAConflict() {
        String stale = createNamespace("patch-stale");
        api.patch(
                "/api/v1/namespaces/patch-stale",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"x\":\"1\"}}}");

        Response r = api.patch(
                "/api/v1/namespaces/patch-stale",
                "application/merge-patch+json",
                "{\"metadata\":{\"resourceVersion\":\"" + stale + "\",\"labels\":{\"x\":\"2\"}}}");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text("/reason")).isEqualTo("Conflict");
    }

    @Test
    void aJsonPatchAppliesItsOperationsAndAFailedTestStoresNothing() {
        createNamespace("json-patch");
        Response r = api.patch(
                "/api/v1/namespaces/json-patch",
                "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/a\",\"value\":\"b\"}]");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.text("/metadata/labels/a")).isEqualTo("b");
        assertThat(api.post("/api/v1/namespaces/json-patch/pods", pod("a", "{\"app\":\"a\"}"))
                        .status())
                .isEqualTo(201);
        long events = app.eventCount();

        Response failedTest = api.patch(
                "/api/v1/namespaces/json-patch",
                "application/json-patch+json",
                "[{\"op\":\"test\",\"path\":\"/metadata/labels/a\",\"value\":\"not-b\"},"
                        + "{\"op\":\"remove\",\"path\":\"/metadata/labels/a\"}]");
        assertThat(failedTest.status()).isEqualTo(422);
        assertThat(failedTest.text("/reason")).isEqualTo("Invalid");
        assertThat(app.eventCount()).isEqualTo(events);
        Response malformed = api.patch(
                "/api/v1/namespaces/json-patch",
                "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"metadata\",\"value\":1}]");
        assertThat(malformed.status()).isEqualTo(400);
        Response badApply = api.patch(
                "/api/v1/namespaces/json-patch?fieldManager=test",
                "application/apply-patch+yaml",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":\"x\"}");
        assertThat(badApply.status()).isEqualTo(400);
        Response badEntry = api.patch(
                "/api/v1/namespaces/json-patch/pods/a?fieldManager=test",
                "application/apply-patch+yaml",
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"image\":\"no-name\"}]}}");
        assertThat(badEntry.status())
                .as("a container without a name, in a pod that exists")
                .isEqualTo(400);
        assertThat(app.eventCount()).isEqualTo(events);
        assertThat(api.get("/api/v1/namespaces/json-patch").text("/metadata/labels/a"))
                .isEqualTo("b");
    }

    @Test
    void aStrategicMergePatchMergesContainersByNameAndTheCrdLikeGroupsRefuseIt() {
        createNamespace("strategic");
        api.post("/api/v1/namespaces/strategic/pods", pod("a", "{}"));
        Response two = api.patch(
                "/api/v1/namespaces/strategic/pods/a",
                "application/strategic-merge-patch+json",
                "{\"spec\":{\"containers\":[{\"name\":\"side\",\"image\":\"envoy\"}]}}");
        assertThat(two.status()).as(two.toString()).isEqualTo(200);
        assertThat(two.json().at("/spec/containers").size()).isEqualTo(2);

        Response removed = api.patch(
                "/api/v1/namespaces/strategic/pods/a",
                "application/strategic-merge-patch+json",
                "{\"spec\":{\"containers\":[{\"name\":\"side\",\"$patch\":\"delete\"}]}}");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().at("/spec/containers").size()).isEqualTo(1);
        assertThat(removed.text("/spec/containers/0/name")).isNotEqualTo("side");

        long events = app.eventCount();
        Response tenantPatch = api.patch(
                "/apis/policyledger.io/v1/tenants/" + Bodies.DEFAULT_TENANT,
                "application/strategic-merge-patch+json",
                "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
        assertThat(tenantPatch.status()).isEqualTo(415);
        assertThat(app.eventCount()).isEqualTo(events);
    }
}
