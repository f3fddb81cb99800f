package io.policyledger.command.occupancy;

/**
 * Which tenants exist and how many namespaces each owns, kept in the command's transaction like
 * {@link NamespaceOccupancy}: a namespace needs an existing tenant, and a tenant that still owns
 * namespaces cannot be deleted.
 */
public interface TenantOccupancy {

    void open(String tenant);

    /** @throws io.policyledger.core.object.ObjectNotFoundException if the tenant does not exist */
    void admit(String tenant);

    void release(String tenant);

    /** @throws io.policyledger.core.object.ObjectConflictException if it still owns namespaces */
    void close(String tenant);

    boolean exists(String tenant);
}
