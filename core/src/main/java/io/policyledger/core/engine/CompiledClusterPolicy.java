package io.policyledger.core.engine;

import java.util.List;
import java.util.Map;

/**
 * A ClusterNetworkPolicy reduced to what evaluation needs. It applies to the pods {@code podSelector}
 * matches in the namespaces {@code namespaceSelector} matches ({@link Selector#ALL} pods for a subject
 * of whole namespaces).
 */
public record CompiledClusterPolicy(
        String name,
        Tier tier,
        int priority,
        Selector namespaceSelector,
        Selector podSelector,
        List<TierRule> ingress,
        List<TierRule> egress) {

    public CompiledClusterPolicy {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    /**
     * One rule, in its place: {@code action} for any of {@code peers} on any of {@code ports} (every port
     * of every protocol when empty). {@code unknownPeers} says the rule also names peers this server cannot
     * evaluate (domain names, nodes): they fail closed.
     */
    public record TierRule(
            ClusterRuleRef ref, RuleAction action, List<Peer> peers, List<PortSpec> ports, boolean unknownPeers) {

        public TierRule {
            peers = List.copyOf(peers);
            ports = List.copyOf(ports);
        }
    }

    /** Whether it applies to a pod with these labels in a namespace with those. */
    public boolean selects(Map<String, String> namespaceLabels, Map<String, String> podLabels) {
        return namespaceSelector.matches(namespaceLabels) && podSelector.matches(podLabels);
    }
}
