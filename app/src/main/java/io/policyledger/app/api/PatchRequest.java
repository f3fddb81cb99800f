package io.policyledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.api.patch.InvalidPatchException;
import io.policyledger.app.api.patch.JsonPatch;
import io.policyledger.app.api.patch.StrategicMergePatch;
import io.policyledger.app.api.registry.ApiResource;
import java.util.Set;

/**
 * A PATCH request's body and format, checked once against the resource it addresses (which it keeps, for
 * a strategic merge's list strategies): which format it is, whether it states the resourceVersion it
 * expects, and the object it makes of the current one.
 */
record PatchRequest(Format format, JsonNode body, ApiResource resource) {

    /** The content types a PATCH may carry. */
    static final Set<String> CONTENT_TYPES = Set.of(
            "application/merge-patch+json",
            "application/strategic-merge-patch+json",
            "application/json-patch+json",
            "application/apply-patch+yaml");

    /** The patch formats of the Kubernetes API; APPLY is server-side apply. */
    enum Format {
        MERGE,
        STRATEGIC,
        JSON,
        APPLY;

        static Format of(String contentType) {
            String type = contentType == null ? "" : contentType;
            if (type.startsWith("application/apply-patch+yaml")) {
                return APPLY;
            }
            if (type.startsWith("application/strategic-merge-patch+json")) {
                return STRATEGIC;
            }
            if (type.startsWith("application/json-patch+json")) {
                return JSON;
            }
            return MERGE;
        }
    }

    /**
     * The patch in the given content type, refused (400 or 415) when its shape does not fit its format or
     * the resource does not accept the format.
     */
    static PatchRequest of(String contentType, JsonNode body, ApiResource resource) {
        Format format = Format.of(contentType);
        switch (format) {
            case MERGE -> {
                if (!body.isObject()) {
                    throw ApiException.badRequest("a merge patch must be a JSON object");
                }
                if (MergePatch.hasDirectives(body)) {
                    throw ApiException.unsupportedMediaType("strategic merge patch directives ($patch, "
                            + "$setElementOrder, ...) are not part of a merge patch; send them as "
                            + "application/strategic-merge-patch+json");
                }
            }
            case STRATEGIC -> {
                if (!resource.strategicMerge()) {
                    throw ApiException.unsupportedMediaType("strategic merge patch is not supported for "
                            + resource.qualifiedName() + "; send a merge patch (application/merge-patch+json)");
                }
            }
            case JSON -> {
                if (!body.isArray()) {
                    throw ApiException.badRequest("a JSON patch must be a list of operations");
                }
            }
            case APPLY -> {
                if (!body.isObject()) {
                    throw ApiException.badRequest("an applied configuration must be an object");
                }
            }
        }
        return new PatchRequest(format, body, resource);
    }

    boolean isApply() {
        return format == Format.APPLY;
    }

    /**
     * Whether the patch itself states the resourceVersion it was computed against: then a change in
     * between is the client's conflict, not one the server may absorb by applying again.
     */
    boolean namesResourceVersion() {
        return switch (format) {
            case JSON -> jsonPatchNamesResourceVersion();
            case MERGE, STRATEGIC -> body.path("metadata").has("resourceVersion");
            // An empty resourceVersion in an applied configuration states none.
            case APPLY -> !body.at("/metadata/resourceVersion").asText("").isEmpty();
        };
    }

    private boolean jsonPatchNamesResourceVersion() {
        for (JsonNode op : body) {
            String path = op.path("path").asText("");
            if (path.equals("/metadata/resourceVersion") || path.equals("/metadata")) {
                return true;
            }
        }
        return false;
    }

    /** The object this patch makes of {@code current} (the object as shown to clients). */
    JsonNode applyTo(JsonNode current) {
        try {
            JsonNode patched = switch (format) {
                case MERGE -> MergePatch.apply(current, body);
                case STRATEGIC -> new StrategicMergePatch(resource.patchStrategies()).apply(current, body);
                case JSON -> JsonPatch.apply(current, body);
                case APPLY -> throw new IllegalStateException("an apply is not a patch of the current object");
            };
            if (!patched.isObject()) {
                throw ApiException.badRequest("the patched object is not a JSON object");
            }
            return patched;
        } catch (InvalidPatchException e) {
            throw failure(e);
        }
    }

    /** A patch that cannot be applied: 422 when it is well formed but fails (a test op), else 400. */
    static ApiException failure(InvalidPatchException e) {
        return e.code() == 422
                ? new ApiException(422, "Invalid", e.getMessage(), null)
                : ApiException.badRequest(e.getMessage());
    }
}
