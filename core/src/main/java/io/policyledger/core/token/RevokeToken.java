package io.policyledger.core.token;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;

/**
 * Ends a credential at once.
 *
 * @param tenant the tenant the caller addressed it under; a token of another tenant is not found
 */
public record RevokeToken(String id, String tenant) implements ObjectCommand {

    @Override
    public ObjectKey key() {
        return ObjectKey.token(id);
    }
}
