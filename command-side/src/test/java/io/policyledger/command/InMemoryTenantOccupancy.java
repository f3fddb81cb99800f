package io.policyledger.command;

import io.policyledger.command.occupancy.TenantOccupancy;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectNotFoundException;
import java.util.HashMap;
import java.util.Map;

/** {@link TenantOccupancy} without a database, for aggregate tests; throws what the JDBC one throws. */
public final class InMemoryTenantOccupancy implements TenantOccupancy {

    private final Map<String, Long> counts = new HashMap<>();

    public InMemoryTenantOccupancy withTenant(String tenant, long namespaces) {
        counts.put(tenant, namespaces);
        return this;
    }

    public Long namespacesOf(String tenant) {
        return counts.get(tenant);
    }

    @Override
    public void open(String tenant) {
        if (counts.putIfAbsent(tenant, 0L) != null) {
            throw new ObjectAlreadyExistsException(ObjectKey.tenant(tenant));
        }
    }

    @Override
    public void admit(String tenant) {
        if (!counts.containsKey(tenant)) {
            throw new ObjectNotFoundException(ObjectKey.tenant(tenant));
        }
        counts.merge(tenant, 1L, Long::sum);
    }

    @Override
    public void release(String tenant) {
        counts.merge(tenant, -1L, Long::sum);
    }

    @Override
    public void close(String tenant) {
        if (counts.getOrDefault(tenant, 0L) > 0) {
            throw new ObjectConflictException(ObjectKey.tenant(tenant), "tenant still owns namespaces");
        }
        counts.remove(tenant);
    }

    @Override
    public boolean exists(String tenant) {
        return counts.containsKey(tenant);
    }
}
