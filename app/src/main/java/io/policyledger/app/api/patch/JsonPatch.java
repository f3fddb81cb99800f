package io.policyledger.app.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;

/** RFC 6902 JSON Patch ({@code application/json-patch+json}): a list of add/remove/replace/move/copy/test. */
public final class JsonPatch {

    private JsonPatch() {}

    public static JsonNode apply(JsonNode original, JsonNode patch) {
        if (!patch.isArray()) {
            throw new InvalidPatchException("a JSON patch must be a list of operations");
        }
        try {
            com.flipkart.zjsonpatch.JsonPatch.validate(patch);
        } catch (JsonPatchApplicationException | IllegalArgumentException e) {
            throw new InvalidPatchException("the JSON patch is malformed: " + e.getMessage());
        }
        try {
            return com.flipkart.zjsonpatch.JsonPatch.apply(patch, original);
        } catch (JsonPatchApplicationException | IllegalArgumentException e) {
            // Well-formed, but not applicable to this object (a failed test, a missing path): 422, as Kubernetes.
            throw new InvalidPatchException("the JSON patch cannot be applied: " + e.getMessage(), 422);
        }
    }
}
