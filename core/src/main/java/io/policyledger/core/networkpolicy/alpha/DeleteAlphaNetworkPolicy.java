package io.policyledger.core.networkpolicy.alpha;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;

public record DeleteAlphaNetworkPolicy(String namespace, String name, String expectedUid, Long expectedVersion)
        implements ObjectCommand {

    @Override
    public ObjectKey key() {
        return ObjectKey.alphaNetworkPolicy(namespace, name);
    }
}
