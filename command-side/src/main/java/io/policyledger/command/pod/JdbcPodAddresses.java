package io.policyledger.command.pod;

import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectKey;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link PodAddresses} on the {@code pod_address} table; its primary key makes addresses unique. */
@Component
class JdbcPodAddresses implements PodAddresses {

    private final JdbcTemplate jdbc;

    JdbcPodAddresses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void assign(String namespace, String name, List<String> addresses) {
        release(namespace, name);
        for (String address : addresses) {
            try {
                jdbc.update(
                        "INSERT INTO pod_address (address, namespace, name) VALUES (?, ?, ?)",
                        address,
                        namespace,
                        name);
            } catch (DuplicateKeyException e) {
                // Which pod holds it is not said: it may be another tenant's.
                throw new ObjectConflictException(
                        ObjectKey.pod(namespace, name), "address " + address + " is already registered to another pod");
            }
        }
    }

    @Override
    public void release(String namespace, String name) {
        jdbc.update("DELETE FROM pod_address WHERE namespace = ? AND name = ?", namespace, name);
    }
}
