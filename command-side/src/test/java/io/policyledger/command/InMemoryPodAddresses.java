package io.policyledger.command;

import io.policyledger.command.pod.PodAddresses;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link PodAddresses} without a database, for aggregate tests; throws what the JDBC one throws. */
public final class InMemoryPodAddresses implements PodAddresses {

    public final Map<String, String> holders = new HashMap<>();

    @Override
    public void assign(String namespace, String name, List<String> addresses) {
        release(namespace, name);
        for (String address : addresses) {
            String holder = holders.putIfAbsent(address, namespace + "/" + name);
            if (holder != null && !holder.equals(namespace + "/" + name)) {
                throw new ObjectConflictException(
                        ObjectKey.pod(namespace, name), "address " + address + " is already registered to another pod");
            }
        }
    }

    @Override
    public void release(String namespace, String name) {
        holders.values().removeIf(h -> h.equals(namespace + "/" + name));
    }
}
