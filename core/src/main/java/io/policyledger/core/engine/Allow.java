package io.policyledger.core.engine;

import java.util.List;

/**
 * One entry of a pod's allow-list: connections with {@code peer} on any of {@code ports} (every port
 * and protocol when {@code allPorts}), allowed by {@code policy}.
 */
public record Allow(AllowPeer peer, boolean allPorts, List<PortMatch> ports, PolicyRef policy) {

    public Allow {
        ports = List.copyOf(ports);
    }
}
