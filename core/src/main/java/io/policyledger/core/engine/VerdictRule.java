package io.policyledger.core.engine;

import java.util.List;

/**
 * One entry of a pod's rules in one direction, as they are evaluated in order: connections with
 * {@code peer} on any of {@code ports} (every port and protocol when {@code allPorts}) get
 * {@code action}. Entries of a tenant's NetworkPolicy always accept (what they do not accept, their
 * isolation refuses); entries of a ClusterNetworkPolicy accept, deny or pass, first match decides.
 */
public record VerdictRule(
        RuleAction action, AllowPeer peer, boolean allPorts, List<PortMatch> ports, RuleOrigin origin) {

    public VerdictRule {
        ports = List.copyOf(ports);
        if (origin instanceof PolicyRef && action != RuleAction.ACCEPT) {
            throw new IllegalArgumentException("a NetworkPolicy's rules only accept");
        }
    }

    /** A NetworkPolicy's entry: it accepts. */
    public static VerdictRule accept(AllowPeer peer, boolean allPorts, List<PortMatch> ports, PolicyRef policy) {
        return new VerdictRule(RuleAction.ACCEPT, peer, allPorts, ports, policy);
    }

    public Tier tier() {
        return origin.tier();
    }

    /** The NetworkPolicy this entry comes from, or null for a ClusterNetworkPolicy's. */
    public PolicyRef policy() {
        return origin instanceof PolicyRef p ? p : null;
    }
}
