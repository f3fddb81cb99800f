package io.policyledger.app.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * {@code metadata} of an object as clients send and receive it. On writes the server-owned fields
 * (uid, generation, creationTimestamp) are ignored, except that uid and resourceVersion act as
 * preconditions on updates. {@code managedFields} is shown, never taken from a request: the server keeps it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectMeta(
        String name,
        String generateName,
        String namespace,
        String uid,
        String resourceVersion,
        Long generation,
        String creationTimestamp,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<JsonNode> managedFields) {

    public static final ObjectMeta EMPTY = new ObjectMeta(null, null, null, null, null, null, null, null, null, null);

    /** The same metadata with other annotations (the server's own bookkeeping added to a write). */
    public ObjectMeta withAnnotations(Map<String, String> newAnnotations) {
        return new ObjectMeta(
                name,
                generateName,
                namespace,
                uid,
                resourceVersion,
                generation,
                creationTimestamp,
                labels,
                newAnnotations,
                managedFields);
    }
}
