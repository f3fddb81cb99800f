package io.policyledger.command.occupancy;

/**
 * Which namespaces exist and how many objects each holds, kept in step with the event log inside the
 * same transaction as a command's events. It is what makes two cross-object rules hold under
 * concurrency, on one instance or many: an object can only be created in an existing namespace, and
 * only an empty namespace can be deleted.
 */
public interface NamespaceOccupancy {

    /** The namespace now exists, empty. */
    void open(String namespace);

    /**
     * One more object lives in the namespace.
     *
     * @throws io.policyledger.core.object.ObjectNotFoundException if the namespace does not exist
     */
    void admit(String namespace);

    /** One object left the namespace. */
    void release(String namespace);

    /**
     * The namespace no longer exists.
     *
     * @throws io.policyledger.core.object.ObjectConflictException if it still holds objects
     */
    void close(String namespace);
}
