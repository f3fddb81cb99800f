package io.policyledger.command.occupancy;

import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectNotFoundException;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link TenantOccupancy} on the {@code tenant_occupancy} table, in the command's transaction. */
@Component
class JdbcTenantOccupancy implements TenantOccupancy {

    private final JdbcTemplate jdbc;

    JdbcTenantOccupancy(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void open(String tenant) {
        try {
            jdbc.update("INSERT INTO tenant_occupancy (tenant, namespace_count) VALUES (?, 0)", tenant);
        } catch (DuplicateKeyException e) {
            throw new ObjectAlreadyExistsException(ObjectKey.tenant(tenant));
        }
    }

    @Override
    public void admit(String tenant) {
        int rows = jdbc.update(
                "UPDATE tenant_occupancy SET namespace_count = namespace_count + 1 WHERE tenant = ?", tenant);
        if (rows == 0) {
            throw new ObjectNotFoundException(ObjectKey.tenant(tenant));
        }
    }

    @Override
    public void release(String tenant) {
        jdbc.update("UPDATE tenant_occupancy SET namespace_count = namespace_count - 1 WHERE tenant = ?", tenant);
    }

    @Override
    public void close(String tenant) {
        List<Long> counts = jdbc.queryForList(
                "SELECT namespace_count FROM tenant_occupancy WHERE tenant = ? FOR UPDATE", Long.class, tenant);
        long owned = counts.isEmpty() ? 0 : counts.get(0);
        if (owned > 0) {
            throw new ObjectConflictException(
                    ObjectKey.tenant(tenant),
                    "tenant \"" + tenant + "\" still owns " + owned + " namespace(s); delete them first");
        }
        jdbc.update("DELETE FROM tenant_occupancy WHERE tenant = ?", tenant);
    }

    @Override
    public boolean exists(String tenant) {
        return !jdbc.queryForList("SELECT 1 FROM tenant_occupancy WHERE tenant = ? FOR SHARE", Integer.class, tenant)
                .isEmpty();
    }
}
