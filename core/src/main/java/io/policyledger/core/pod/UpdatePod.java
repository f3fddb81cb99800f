package io.policyledger.core.pod;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

/**
 * Replaces a pod's labels, annotations and spec. Its status (addresses) is left as it is: as in
 * Kubernetes, status changes go through their own command ({@link UpdatePodStatus}).
 */
public record UpdatePod(
        String namespace,
        String name,
        Map<String, String> labels,
        Map<String, String> annotations,
        PodSpec spec,
        String expectedUid,
        Long expectedVersion)
        implements ObjectCommand {

    public UpdatePod {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
        PodValidation.validate(CreatePod.keyOf(namespace, name), labels, annotations, spec, PodStatus.NONE);
        spec = PodValidation.withDefaults(spec);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.pod(namespace, name);
    }
}
