package io.policyledger.command.occupancy;

import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectNotFoundException;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link NamespaceOccupancy} on the {@code namespace_occupancy} table. Every statement runs in the
 * command's transaction (the one that appends its events), and the row locks PostgreSQL takes on
 * UPDATE/DELETE serialize a namespace's deletion against objects being created in it.
 */
@Component
class JdbcNamespaceOccupancy implements NamespaceOccupancy {

    private final JdbcTemplate jdbc;

    JdbcNamespaceOccupancy(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void open(String namespace) {
        try {
            jdbc.update("INSERT INTO namespace_occupancy (namespace, object_count) VALUES (?, 0)", namespace);
        } catch (DuplicateKeyException e) {
            // Another instance created the same namespace and committed first.
            throw new ObjectAlreadyExistsException(ObjectKey.namespace(namespace));
        }
    }

    @Override
    public void admit(String namespace) {
        int rows = jdbc.update(
                "UPDATE namespace_occupancy SET object_count = object_count + 1 WHERE namespace = ?", namespace);
        if (rows == 0) {
            throw new ObjectNotFoundException(ObjectKey.namespace(namespace));
        }
    }

    @Override
    public void release(String namespace) {
        jdbc.update("UPDATE namespace_occupancy SET object_count = object_count - 1 WHERE namespace = ?", namespace);
    }

    @Override
    public void close(String namespace) {
        List<Long> counts = jdbc.queryForList(
                "SELECT object_count FROM namespace_occupancy WHERE namespace = ? FOR UPDATE", Long.class, namespace);
        long held = counts.isEmpty() ? 0 : counts.get(0);
        if (held > 0) {
            throw new ObjectConflictException(ObjectKey.namespace(namespace), "namespace \"" + namespace
                    + "\" still holds " + held + " object(s); delete its pods and network policies first");
        }
        jdbc.update("DELETE FROM namespace_occupancy WHERE namespace = ?", namespace);
    }
}
