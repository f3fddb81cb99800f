package io.policyledger.core.object;

/** A command was refused because of the state of the object(s) it addresses. */
public abstract sealed class ObjectRejectedException extends RuntimeException
        permits ObjectAlreadyExistsException,
                ObjectNotFoundException,
                ObjectConflictException,
                ObjectForbiddenException {

    private final ObjectKey key;

    protected ObjectRejectedException(ObjectKey key, String message) {
        super(message);
        this.key = key;
    }

    public ObjectKey key() {
        return key;
    }
}
