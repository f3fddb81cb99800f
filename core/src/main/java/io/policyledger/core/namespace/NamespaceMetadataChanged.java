package io.policyledger.core.namespace;

import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

/** The labels and annotations of the namespace are now exactly these. */
public record NamespaceMetadataChanged(
        String name, String uid, Map<String, String> labels, Map<String, String> annotations) {

    public NamespaceMetadataChanged {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
    }
}
