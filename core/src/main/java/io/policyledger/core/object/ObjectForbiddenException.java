package io.policyledger.core.object;

/** The caller may not make this change, whatever the state of the object. */
public final class ObjectForbiddenException extends ObjectRejectedException {

    public ObjectForbiddenException(ObjectKey key, String reason) {
        super(key, key.kind().qualifiedResource() + " \"" + key.name() + "\" is forbidden: " + reason);
    }
}
