package io.policyledger.core.pod;

import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

/** The pod is now exactly this; {@code generation} counts changes of its spec. */
public record PodUpdated(
        String namespace,
        String name,
        String uid,
        Map<String, String> labels,
        Map<String, String> annotations,
        PodSpec spec,
        PodStatus status,
        long generation) {

    public PodUpdated {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
    }
}
