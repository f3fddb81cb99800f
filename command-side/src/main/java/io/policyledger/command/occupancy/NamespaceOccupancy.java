package io.policyledger.command.occupancy;

import io.policyledger.core.access.Caller;

/**
 * Which namespaces exist, which tenant owns each and how many objects each holds, kept in step with the
 * event log inside the same transaction as a command's events. It is what makes these rules hold under
 * concurrency, on one instance or many: an object can only be created in an existing namespace of the
 * caller's tenant, only an empty namespace can be deleted, and no write crosses a tenant boundary.
 */
public interface NamespaceOccupancy {

    /** The namespace now exists, empty, owned by {@code tenant}. */
    void open(String namespace, String tenant);

    /**
     * One more object lives in the namespace.
     *
     * @return the tenant owning the namespace
     * @throws io.policyledger.core.object.ObjectNotFoundException if the namespace does not exist, or
     *                                                             belongs to a tenant the caller may not see
     */
    String admit(String namespace, Caller caller);

    /**
     * The tenant owning an existing namespace, locked against deletion until the transaction ends.
     *
     * @return null if the namespace does not exist
     */
    String ownerOf(String namespace);

    /** One object left the namespace. */
    void release(String namespace);

    /**
     * The namespace no longer exists.
     *
     * @throws io.policyledger.core.object.ObjectConflictException if it still holds objects
     */
    void close(String namespace);
}
