package io.policyledger.core.object;

public final class ObjectNotFoundException extends ObjectRejectedException {

    public ObjectNotFoundException(ObjectKey key) {
        super(key, key.kind().qualifiedResource() + " \"" + key.name() + "\" not found");
    }
}
