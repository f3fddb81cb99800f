package io.policyledger.core.clusternetworkpolicy;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;

public record DeleteClusterNetworkPolicy(String name, String expectedUid, Long expectedVersion)
        implements ObjectCommand {

    @Override
    public ObjectKey key() {
        return ObjectKey.clusterNetworkPolicy(name);
    }
}
