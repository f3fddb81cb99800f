package io.policyledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.api.registry.ApiResource;
import io.policyledger.app.api.registry.ApiResources;
import org.junit.jupiter.api.Test;

/**
 * A PATCH body checked against its format and resource before anything is read or written: the error a
 * client sees for a malformed patch, whether the server may absorb a conflict, and what the patch makes
 * of the current object.
 */
class PatchRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApiResource PODS = ApiResources.of("v1", "pods");
    private static final ApiResource CLUSTER_POLICIES =
            ApiResources.of("policy.networking.k8s.io/v1alpha2", "clusternetworkpolicies");
    private static final String MERGE = "application/merge-patch+json";
    private static final String STRATEGIC = "application/strategic-merge-patch+json; charset=utf-8";
    private static final String JSON_PATCH = "application/json-patch+json";
    private static final String APPLY = "application/apply-patch+yaml";

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static PatchRequest patch(String contentType, String body, ApiResource resource) {
        return PatchRequest.of(contentType, json(body), resource);
    }

    private static int codeOf(Runnable request) {
        try {
            request.run();
        } catch (ApiException e) {
            return e.code();
        }
        throw new AssertionError("the patch was accepted");
    }

    @Test
    void theFormatIsTheContentTypeWithoutItsParameters() {
        assertThat(patch(STRATEGIC, "{}", PODS).format()).isEqualTo(PatchRequest.Format.STRATEGIC);
        assertThat(patch(JSON_PATCH, "[]", PODS).format()).isEqualTo(PatchRequest.Format.JSON);
        assertThat(patch(APPLY, "{}", PODS).isApply()).isTrue();
        assertThat(patch(MERGE, "{}", PODS).isApply()).isFalse();
    }

    @Test
    void aBodyOfTheWrongShapeForItsFormatIsABadRequest() {
        assertThat(codeOf(() -> patch(MERGE, "[]", PODS))).isEqualTo(400);
        assertThat(codeOf(() -> patch(JSON_PATCH, "{}", PODS))).isEqualTo(400);
        assertThat(codeOf(() -> patch(APPLY, "'spec'", PODS))).isEqualTo(400);
    }

    @Test
    void strategicMergeIsUnsupportedMediaWhereTheResourceHasNoStrategyOrInAMergePatch() {
        // kubectl falls back to a merge patch on 415, so these two must not be 400.
        assertThat(codeOf(() -> patch(STRATEGIC, "{}", CLUSTER_POLICIES))).isEqualTo(415);
        assertThat(codeOf(() -> patch(MERGE, "{'spec':{'$patch':'replace'}}", PODS)))
                .isEqualTo(415);
    }

    @Test
    void aPatchNamesTheResourceVersionItExpectsInItsFormatsOwnWay() {
        assertThat(patch(MERGE, "{'metadata':{'resourceVersion':'7'}}", PODS).namesResourceVersion())
                .isTrue();
        assertThat(patch(MERGE, "{'metadata':{'labels':{'a':'b'}}}", PODS).namesResourceVersion())
                .isFalse();
        assertThat(patch(JSON_PATCH, "[{'op':'test','path':'/metadata/resourceVersion','value':'7'}]", PODS)
                        .namesResourceVersion())
                .isTrue();
        assertThat(patch(JSON_PATCH, "[{'op':'add','path':'/metadata/labels/a','value':'b'}]", PODS)
                        .namesResourceVersion())
                .isFalse();
        assertThat(patch(APPLY, "{'metadata':{'resourceVersion':''}}", PODS).namesResourceVersion())
                .isFalse();
        assertThat(patch(APPLY, "{'metadata':{'resourceVersion':'7'}}", PODS).namesResourceVersion())
                .isTrue();
    }

    @Test
    void eachFormatMakesItsOwnObjectOfTheCurrentOne() {
        JsonNode current =
                json("{'metadata':{'name':'web','labels':{'app':'web'}},'spec':{'containers':[{'name':'a'}]}}");
        assertThat(patch(MERGE, "{'spec':{'containers':[{'name':'b'}]}}", PODS).applyTo(current))
                .isEqualTo(json("{'metadata':{'name':'web','labels':{'app':'web'}},"
                        + "'spec':{'containers':[{'name':'b'}]}}"));
        assertThat(patch(STRATEGIC, "{'spec':{'containers':[{'name':'b'}]}}", PODS)
                        .applyTo(current))
                .isEqualTo(json("{'metadata':{'name':'web','labels':{'app':'web'}},"
                        + "'spec':{'containers':[{'name':'a'},{'name':'b'}]}}"));
        assertThat(patch(JSON_PATCH, "[{'op':'remove','path':'/metadata/labels/app'}]", PODS)
                        .applyTo(current))
                .isEqualTo(json("{'metadata':{'name':'web','labels':{}},'spec':{'containers':[{'name':'a'}]}}"));
    }

    @Test
    void aWellFormedPatchThatDoesNotApplyIsInvalidAndOneThatLeavesNoObjectIsABadRequest() {
        JsonNode current = json("{'metadata':{'name':'web','resourceVersion':'7'}}");
        PatchRequest staleTest =
                patch(JSON_PATCH, "[{'op':'test','path':'/metadata/resourceVersion','value':'6'}]", PODS);
        assertThat(codeOf(() -> staleTest.applyTo(current))).isEqualTo(422);
        PatchRequest noObject = patch(JSON_PATCH, "[{'op':'replace','path':'','value':[1]}]", PODS);
        assertThat(codeOf(() -> noObject.applyTo(current))).isEqualTo(400);
    }
}
