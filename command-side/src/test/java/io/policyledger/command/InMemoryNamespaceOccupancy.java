package io.policyledger.command;

import io.policyledger.command.occupancy.NamespaceOccupancy;
import io.policyledger.core.access.Caller;
import io.policyledger.core.access.Role;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectNotFoundException;
import java.util.HashMap;
import java.util.Map;

/**
 * The occupancy rules without a database, for aggregate tests only (the JDBC one is exercised by the
 * app's integration tests against PostgreSQL). Throws what the JDBC one throws.
 */
public final class InMemoryNamespaceOccupancy implements NamespaceOccupancy {

    private final Map<String, Long> counts = new HashMap<>();
    private final Map<String, String> owners = new HashMap<>();

    public InMemoryNamespaceOccupancy withNamespace(String namespace, String tenant, long objects) {
        counts.put(namespace, objects);
        owners.put(namespace, tenant);
        return this;
    }

    public Long objectsIn(String namespace) {
        return counts.get(namespace);
    }

    @Override
    public void open(String namespace, String tenant) {
        if (counts.putIfAbsent(namespace, 0L) != null) {
            throw new ObjectAlreadyExistsException(ObjectKey.namespace(namespace));
        }
        owners.put(namespace, tenant);
    }

    @Override
    public String admit(String namespace, Caller caller) {
        String owner = owners.get(namespace);
        if (owner == null || !(caller.role() == Role.AGENT || caller.ownsTenant(owner))) {
            throw new ObjectNotFoundException(ObjectKey.namespace(namespace));
        }
        counts.merge(namespace, 1L, Long::sum);
        return owner;
    }

    @Override
    public String ownerOf(String namespace) {
        return owners.get(namespace);
    }

    @Override
    public void release(String namespace) {
        counts.merge(namespace, -1L, Long::sum);
    }

    @Override
    public void close(String namespace) {
        long held = counts.getOrDefault(namespace, 0L);
        if (held > 0) {
            throw new ObjectConflictException(ObjectKey.namespace(namespace), "namespace still holds objects");
        }
        counts.remove(namespace);
        owners.remove(namespace);
    }
}
