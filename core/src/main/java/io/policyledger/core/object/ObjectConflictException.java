package io.policyledger.core.object;

/** The change cannot be made to the object as it is now: a stale version, a uid mismatch, a non-empty namespace. */
public final class ObjectConflictException extends ObjectRejectedException {

    public ObjectConflictException(ObjectKey key, String message) {
        super(key, message);
    }

    public static ObjectConflictException staleVersion(ObjectKey key) {
        return new ObjectConflictException(
                key,
                "Operation cannot be fulfilled on " + key.kind().qualifiedResource()
                        + " \"" + key.name() + "\": the object has been modified; please apply your changes to the "
                        + "latest version and try again");
    }

    public static ObjectConflictException uidMismatch(ObjectKey key, String expected, String actual) {
        return new ObjectConflictException(
                key,
                "Operation cannot be fulfilled on " + key.kind().qualifiedResource()
                        + " \"" + key.name() + "\": Precondition failed: UID in precondition: " + expected
                        + ", UID in object meta: " + actual);
    }
}
