package io.policyledger.core.engine;

/**
 * A change of the engine's output. A flush emits them in dependency order: peer sets that are new or
 * changed first, then rule sets (which may refer to them), then removed rule sets, then removed peer
 * sets (which nothing refers to any more). A consumer applying them in order never holds a rule that
 * refers to a set it does not know.
 */
public sealed interface EngineDelta {

    record PeerSetUpdated(PeerSet peerSet) implements EngineDelta {
    }

    record RuleSetUpdated(PodRuleSet ruleSet) implements EngineDelta {
    }

    record RuleSetRemoved(PodRef pod) implements EngineDelta {
    }

    record PeerSetRemoved(String peerSetId) implements EngineDelta {
    }
}
