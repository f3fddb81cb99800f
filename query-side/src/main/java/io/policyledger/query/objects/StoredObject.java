package io.policyledger.query.objects;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.core.object.ObjectKey;
import java.time.Instant;
import java.util.Map;

/**
 * An object as the current-objects read model holds it. {@code spec} and {@code status} are kept as
 * JSON in the wire form of their kind; {@code generation} is 0 for kinds without a spec.
 */
public record StoredObject(
        ObjectKey key,
        String uid,
        long resourceVersion,
        long generation,
        Instant creationTimestamp,
        Map<String, String> labels,
        Map<String, String> annotations,
        JsonNode spec,
        JsonNode status) {}
