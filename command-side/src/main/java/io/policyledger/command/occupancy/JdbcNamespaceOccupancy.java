package io.policyledger.command.occupancy;

import io.policyledger.core.access.Caller;
import io.policyledger.core.access.Role;
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
 * command's transaction (the one that appends its events), and the row locks PostgreSQL takes
 * serialize a namespace's deletion against objects being created or changed in it.
 */
@Component
class JdbcNamespaceOccupancy implements NamespaceOccupancy {

    private final JdbcTemplate jdbc;

    JdbcNamespaceOccupancy(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void open(String namespace, String tenant) {
        try {
            jdbc.update(
                    "INSERT INTO namespace_occupancy (namespace, tenant, object_count) VALUES (?, ?, 0)",
                    namespace,
                    tenant);
        } catch (DuplicateKeyException e) {
            // Another instance created the same namespace and committed first.
            throw new ObjectAlreadyExistsException(ObjectKey.namespace(namespace));
        }
    }

    @Override
    public String admit(String namespace, Caller caller) {
        List<String> owner = jdbc.queryForList(
                "UPDATE namespace_occupancy SET object_count = object_count + 1 WHERE namespace = ? RETURNING tenant",
                String.class,
                namespace);
        if (owner.isEmpty() || !(caller.role() == Role.AGENT || caller.ownsTenant(owner.get(0)))) {
            // The whole transaction is rolled back with this exception, the increment included.
            throw new ObjectNotFoundException(ObjectKey.namespace(namespace));
        }
        return owner.get(0);
    }

    /**
     * FOR KEY SHARE blocks the namespace's deletion (DELETE) until this transaction ends, but not the
     * count updates of other writers in the namespace, so two of them can never deadlock on this row.
     */
    @Override
    public String ownerOf(String namespace) {
        List<String> owner = jdbc.queryForList(
                "SELECT tenant FROM namespace_occupancy WHERE namespace = ? FOR KEY SHARE", String.class, namespace);
        return owner.isEmpty() ? null : owner.get(0);
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
            throw new ObjectConflictException(
                    ObjectKey.namespace(namespace),
                    "namespace \"" + namespace + "\" still holds " + held
                            + " object(s); delete its pods and network policies first");
        }
        jdbc.update("DELETE FROM namespace_occupancy WHERE namespace = ?", namespace);
    }
}
