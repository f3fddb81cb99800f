package io.policyledger.core.object;

public final class ObjectAlreadyExistsException extends ObjectRejectedException {

    public ObjectAlreadyExistsException(ObjectKey key) {
        super(key, key.kind().qualifiedResource() + " \"" + key.name() + "\" already exists");
    }
}
