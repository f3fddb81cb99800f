package io.policyledger.core.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A change of the engine's output. A flush emits them in dependency order: peer sets that are new or
 * changed first, then rule sets (which may refer to them), then removed rule sets, then removed peer
 * sets (which nothing refers to any more). A consumer applying them in order never holds a rule that
 * refers to a set it does not know.
 */
public sealed interface EngineDelta {

    /**
     * A peer set that is new or changed. {@code complete}: {@code upserted} holds all its members (the
     * set is new to the consumer); otherwise {@code upserted} holds the members that joined or whose
     * addresses, ports or node changed, and {@code left} those that left. Only the change is carried,
     * so a change to a set of many pods costs what changed, not the size of the set.
     */
    record PeerSetUpdated(
            String peerSetId, PeerSetKey key, boolean complete, List<EnginePod> upserted, List<PodRef> left)
            implements EngineDelta {

        public PeerSetUpdated {
            upserted = List.copyOf(upserted);
            left = List.copyOf(left);
        }

        /** Pods that joined, changed or left. */
        public List<PodRef> touched() {
            List<PodRef> out = new ArrayList<>(left);
            upserted.forEach(p -> out.add(p.ref()));
            return out;
        }
    }

    record RuleSetUpdated(PodRuleSet ruleSet) implements EngineDelta {}

    record RuleSetRemoved(PodRef pod) implements EngineDelta {}

    record PeerSetRemoved(String peerSetId) implements EngineDelta {}
}
