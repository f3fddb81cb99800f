package io.policyledger.core.object;

/**
 * A command addressed to one object. Routing needs only {@link #key()}; no framework annotation is
 * required, which keeps this module free of the command bus that carries it.
 */
public interface ObjectCommand {

    ObjectKey key();

    /** True for commands that bring a new object into existence. */
    default boolean isCreation() {
        return false;
    }

    /**
     * For changes: the version (stream sequence number) the client's copy was read at, or null for an
     * unconditional change. A mismatch is a conflict, never a silent overwrite.
     */
    default Long expectedVersion() {
        return null;
    }

    /** For changes: the uid the client expects the object to have, or null for no expectation. */
    default String expectedUid() {
        return null;
    }
}
