package io.policyledger.core.engine;

import io.policyledger.core.net.IpAddress;
import java.util.Optional;

/**
 * What connectivity questions are answered from: rule sets, peer-set membership and the pods
 * themselves. The engine is one; a store of the engine's output is another.
 */
public interface RuleView {

    /** The pod's rule set, or null if the pod is not known. */
    PodRuleSet ruleSet(PodRef pod);

    /** The pod (labels, node, addresses, named ports), or null. */
    EnginePod pod(PodRef pod);

    boolean inPeerSet(String peerSetId, PodRef pod);

    /** The pod that has this address, if any. */
    Optional<EnginePod> podWithAddress(IpAddress ip);
}
