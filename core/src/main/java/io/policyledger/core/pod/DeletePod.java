package io.policyledger.core.pod;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;

public record DeletePod(String namespace, String name, String expectedUid, Long expectedVersion)
        implements ObjectCommand {

    @Override
    public ObjectKey key() {
        return ObjectKey.pod(namespace, name);
    }
}
