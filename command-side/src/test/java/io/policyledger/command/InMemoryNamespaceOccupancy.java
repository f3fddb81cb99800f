package io.policyledger.command;

import io.policyledger.command.occupancy.NamespaceOccupancy;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectNotFoundException;
import java.util.HashMap;
import java.util.Map;

/**
 * The occupancy rules without a database, for aggregate tests only (the JDBC one is exercised by the
 * app's integration tests against PostgreSQL).
 */
public final class InMemoryNamespaceOccupancy implements NamespaceOccupancy {

    private final Map<String, Long> counts = new HashMap<>();

    public InMemoryNamespaceOccupancy withNamespace(String namespace, long objects) {
        counts.put(namespace, objects);
        return this;
    }

    public Long objectsIn(String namespace) {
        return counts.get(namespace);
    }

    @Override
    public void open(String namespace) {
        if (counts.putIfAbsent(namespace, 0L) != null) {
            throw new IllegalStateException("namespace " + namespace + " already open");
        }
    }

    @Override
    public void admit(String namespace) {
        if (!counts.containsKey(namespace)) {
            throw new ObjectNotFoundException(ObjectKey.namespace(namespace));
        }
        counts.merge(namespace, 1L, Long::sum);
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
    }
}
