package io.policyledger.core.engine;

import java.util.List;

/**
 * The effective rules of one pod: for each direction, whether it is isolated (and by what) and, when
 * it is, the entries that allow traffic. An isolated direction allows only what its entries allow; a
 * direction that is not isolated allows everything (its entry list is then empty).
 */
public record PodRuleSet(PodRef pod, Isolation ingressIsolation, List<Allow> ingress, Isolation egressIsolation,
                         List<Allow> egress) {

    public PodRuleSet {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    /** Every peer set the entries refer to. */
    public List<String> peerSetIds() {
        return java.util.stream.Stream.concat(ingress.stream(), egress.stream())
                .map(Allow::peer)
                .filter(p -> p instanceof AllowPeer.PeerSetMembers)
                .map(p -> ((AllowPeer.PeerSetMembers) p).peerSetId())
                .distinct()
                .sorted()
                .toList();
    }
}
