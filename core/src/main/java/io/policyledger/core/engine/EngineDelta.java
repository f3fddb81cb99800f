package io.policyledger.core.engine;

import java.util.List;

/**
 * A change of the engine's output. A flush emits them in dependency order: peer sets that are new or
 * changed first, then rule sets (which may refer to them), then removed rule sets, then removed peer
 * sets (which nothing refers to any more). A consumer applying them in order never holds a rule that
 * refers to a set it does not know.
 */
public sealed interface EngineDelta {

    /**
     * A peer set that is new or changed. {@code complete}: take its members as they are (it is new to
     * the consumer); otherwise {@code joined} and {@code left} say how membership changed (both empty
     * when only a member's addresses or ports did). {@code peerSet} always holds the whole set.
     */
    record PeerSetUpdated(PeerSet peerSet, boolean complete, List<PodRef> joined, List<PodRef> left)
            implements EngineDelta {

        public PeerSetUpdated {
            joined = List.copyOf(joined);
            left = List.copyOf(left);
        }
    }

    record RuleSetUpdated(PodRuleSet ruleSet) implements EngineDelta {
    }

    record RuleSetRemoved(PodRef pod) implements EngineDelta {
    }

    record PeerSetRemoved(String peerSetId) implements EngineDelta {
    }
}
