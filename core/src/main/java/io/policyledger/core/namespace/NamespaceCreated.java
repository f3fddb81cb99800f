package io.policyledger.core.namespace;

import io.policyledger.core.object.ObjectMetaRules;
import java.time.Instant;
import java.util.Map;

public record NamespaceCreated(String name, String uid, Map<String, String> labels, Map<String, String> annotations,
                               Instant creationTimestamp) {

    public NamespaceCreated {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
    }
}
