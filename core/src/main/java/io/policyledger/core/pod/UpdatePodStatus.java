package io.policyledger.core.pod;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;

/** Replaces a pod's status (its addresses), leaving everything else as it is. */
public record UpdatePodStatus(String namespace, String name, PodStatus status, String expectedUid, Long expectedVersion)
        implements ObjectCommand {

    public UpdatePodStatus {
        PodValidation.validateStatus(CreatePod.keyOf(namespace, name), status);
        status = PodValidation.withDefaults(status);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.pod(namespace, name);
    }
}
