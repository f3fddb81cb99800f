package io.policyledger.core.engine;

import java.util.List;

/**
 * One ingress or egress rule: any of {@code peers} (everyone if empty) on any of {@code ports} (every
 * port and protocol if empty).
 */
public record CompiledRule(List<Peer> peers, List<PortSpec> ports) {

    public CompiledRule {
        peers = List.copyOf(peers);
        ports = List.copyOf(ports);
    }
}
