package io.policyledger.core.engine;

import java.util.List;

/**
 * The effective rules of one pod: for each direction, whether NetworkPolicies isolate it (and which),
 * and its verdict rules in evaluation order (see {@link VerdictChain}): the Admin tier's, then the
 * NetworkPolicies' accepting entries (present only when isolated: an isolated direction refuses what
 * they do not accept), then the Baseline tier's. What no tier decides is allowed.
 */
public record PodRuleSet(
        PodRef pod,
        Isolation ingressIsolation,
        List<VerdictRule> ingress,
        Isolation egressIsolation,
        List<VerdictRule> egress) {

    public PodRuleSet {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    /** Every peer set the entries refer to. */
    public List<String> peerSetIds() {
        return java.util.stream.Stream.concat(ingress.stream(), egress.stream())
                .map(VerdictRule::peer)
                .filter(p -> p instanceof AllowPeer.PeerSetMembers)
                .map(p -> ((AllowPeer.PeerSetMembers) p).peerSetId())
                .distinct()
                .sorted()
                .toList();
    }
}
