package io.policyledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;

/** Whether a JSON patch states the resourceVersion it expects (a test or set of /metadata/resourceVersion). */
final class JsonPatchPreconditions {

    private JsonPatchPreconditions() {}

    static boolean namesResourceVersion(JsonNode patch) {
        for (JsonNode op : patch) {
            String path = op.path("path").asText("");
            if (path.equals("/metadata/resourceVersion") || path.equals("/metadata")) {
                return true;
            }
        }
        return false;
    }
}
