package io.policyledger.core.namespace;

import io.policyledger.core.object.ObjectMetaRules;
import java.util.Map;

/** The labels and annotations of the namespace are now exactly these. */
public record NamespaceMetadataChanged(String name, String uid, Map<String, String> labels,
                                       Map<String, String> annotations) {

    public NamespaceMetadataChanged {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
    }
}
