package io.policyledger.agent;

import io.policyledger.protocol.PeerSetSpec;
import io.policyledger.protocol.PodRulesSpec;
import java.util.Map;

/**
 * Where a pod's rules are enforced. It takes the rules as the server sent them and renders them itself, so
 * another dataplane (iptables, eBPF) is one new class.
 */
interface Dataplane {

    /** Puts the pod's rules in place, replacing what was there; throws if it could not. */
    void apply(String pod, PodRulesSpec spec, Map<String, PeerSetSpec> peerSets) throws Exception;

    /** Takes the pod's rules away (the pod left the node); quiet if there is nothing to take. */
    void remove(String pod, PodRulesSpec lastSpec) throws Exception;

    /**
     * Changes whenever what this dataplane makes of the same rules changes: an agent resumed from a state
     * rendered by another version programs every pod anew.
     */
    String version();
}
