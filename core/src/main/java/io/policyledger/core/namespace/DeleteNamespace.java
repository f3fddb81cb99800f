package io.policyledger.core.namespace;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;

/** Deletes an empty namespace; one that still holds pods or policies is refused (see the namespace aggregate). */
public record DeleteNamespace(String name, String expectedUid, Long expectedVersion) implements ObjectCommand {

    @Override
    public ObjectKey key() {
        return ObjectKey.namespace(name);
    }
}
