package io.policyledger.core.pod;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

public record CreatePod(
        String namespace,
        String name,
        String uid,
        Map<String, String> labels,
        Map<String, String> annotations,
        PodSpec spec,
        PodStatus status)
        implements ObjectCommand {

    public CreatePod {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
        PodValidation.validate(keyOf(namespace, name), labels, annotations, spec, status);
        spec = PodValidation.withDefaults(spec);
        status = PodValidation.withDefaults(status);
    }

    @Override
    public boolean isCreation() {
        return true;
    }

    @Override
    public ObjectKey key() {
        return keyOf(namespace, name);
    }

    static ObjectKey keyOf(String namespace, String name) {
        return ObjectKey.pod(namespace == null ? "" : namespace, name == null ? "" : name);
    }
}
