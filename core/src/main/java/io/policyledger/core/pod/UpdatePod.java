package io.policyledger.core.pod;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaRules;
import java.util.Map;

/** Replaces everything about a pod but its identity. */
public record UpdatePod(String namespace, String name, Map<String, String> labels, Map<String, String> annotations,
                        PodSpec spec, PodStatus status, String expectedUid, Long expectedVersion)
        implements ObjectCommand {

    public UpdatePod {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
        PodRules.validate(CreatePod.keyOf(namespace, name), labels, annotations, spec, status);
        spec = PodRules.withDefaults(spec);
        status = PodRules.withDefaults(status);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.pod(namespace, name);
    }
}
