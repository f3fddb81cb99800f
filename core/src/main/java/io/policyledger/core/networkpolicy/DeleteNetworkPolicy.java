package io.policyledger.core.networkpolicy;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;

public record DeleteNetworkPolicy(String namespace, String name, String expectedUid, Long expectedVersion)
        implements ObjectCommand {

    @Override
    public ObjectKey key() {
        return ObjectKey.networkPolicy(namespace, name);
    }
}
