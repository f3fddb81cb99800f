package io.policyledger.core.namespace;

import io.policyledger.core.object.ObjectMetaValidation;
import java.time.Instant;
import java.util.Map;

/** A namespace now exists, owned by {@code tenant}; its labels include the server's own. */
public record NamespaceCreated(
        String name,
        String uid,
        String tenant,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant creationTimestamp) {

    public NamespaceCreated {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
    }
}
