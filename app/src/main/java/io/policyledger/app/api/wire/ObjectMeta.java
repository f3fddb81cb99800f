package io.policyledger.app.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * {@code metadata} of an object as clients send and receive it. On writes the server-owned fields
 * (uid, generation, creationTimestamp) are ignored, except that uid and resourceVersion act as
 * preconditions on updates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectMeta(String name, String generateName, String namespace, String uid, String resourceVersion,
                         Long generation, String creationTimestamp, Map<String, String> labels,
                         Map<String, String> annotations) {

    public static final ObjectMeta EMPTY = new ObjectMeta(null, null, null, null, null, null, null, null, null);
}
