package io.policyledger.core.settings;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;

/** Back to defaults: no protected label keys. */
public record DeleteClusterSettings(String name, String expectedUid, Long expectedVersion) implements ObjectCommand {

    @Override
    public ObjectKey key() {
        return ObjectKey.clusterSettings(name);
    }
}
