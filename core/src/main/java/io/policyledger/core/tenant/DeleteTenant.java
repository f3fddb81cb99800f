package io.policyledger.core.tenant;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;

/** Deletes a tenant that owns no namespace any more; its tokens stop working. */
public record DeleteTenant(String name, String expectedUid, Long expectedVersion) implements ObjectCommand {

    @Override
    public ObjectKey key() {
        return ObjectKey.tenant(name);
    }
}
