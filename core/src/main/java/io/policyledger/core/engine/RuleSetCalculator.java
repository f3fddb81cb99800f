package io.policyledger.core.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Computes one pod's rule set: per direction, its verdict rules in the order they are evaluated. First
 * the Admin tier's (ClusterNetworkPolicies by priority, their rules in order), then, if the pod is
 * isolated in that direction, the accepting entries of the NetworkPolicies that apply to it (a union:
 * policies are taken in a fixed order, never order-dependent), then the Baseline tier's. Ingress named
 * ports are resolved against the pod's own ports; egress named ports stay named: they are resolved on
 * each destination pod, whose ports may differ.
 */
final class RuleSetCalculator {

    private RuleSetCalculator() {}

    /**
     * @param clusterPolicies the ClusterNetworkPolicies that select the pod, in evaluation order
     */
    static PodRuleSet compute(
            EnginePod pod,
            Collection<CompiledPolicy> policies,
            EngineNamespace namespace,
            List<CompiledClusterPolicy> clusterPolicies) {
        List<PolicyRef> ingressBy = new ArrayList<>();
        List<PolicyRef> egressBy = new ArrayList<>();
        for (CompiledPolicy p : policies) {
            if (p.isolatesIngress()) {
                ingressBy.add(p.ref());
            }
            if (p.isolatesEgress()) {
                egressBy.add(p.ref());
            }
        }
        Isolation ingress = new Isolation(namespace != null && namespace.ingressDefaultDeny(), ingressBy);
        Isolation egress = new Isolation(false, egressBy);
        List<VerdictRule> ingressRules = new ArrayList<>();
        List<VerdictRule> egressRules = new ArrayList<>();
        tier(Tier.ADMIN, clusterPolicies, pod, ingressRules, egressRules);
        for (CompiledPolicy p : policies) {
            if (ingress.isolated()) {
                for (CompiledRule rule : p.ingress()) {
                    entries(rule.peers(), rule.ports(), RuleAction.ACCEPT, p.ref(), pod, true, ingressRules);
                }
            }
            if (egress.isolated()) {
                for (CompiledRule rule : p.egress()) {
                    entries(rule.peers(), rule.ports(), RuleAction.ACCEPT, p.ref(), pod, false, egressRules);
                }
            }
        }
        tier(Tier.BASELINE, clusterPolicies, pod, ingressRules, egressRules);
        return new PodRuleSet(pod.ref(), ingress, ingressRules, egress, egressRules);
    }

    private static void tier(
            Tier tier,
            List<CompiledClusterPolicy> clusterPolicies,
            EnginePod pod,
            List<VerdictRule> ingress,
            List<VerdictRule> egress) {
        for (CompiledClusterPolicy policy : clusterPolicies) {
            if (policy.tier() != tier) {
                continue;
            }
            for (CompiledClusterPolicy.TierRule rule : policy.ingress()) {
                tierEntries(rule, pod, true, ingress);
            }
            for (CompiledClusterPolicy.TierRule rule : policy.egress()) {
                tierEntries(rule, pod, false, egress);
            }
        }
    }

    private static void tierEntries(
            CompiledClusterPolicy.TierRule rule, EnginePod pod, boolean ingress, List<VerdictRule> out) {
        if (rule.unknownPeers() && rule.action() != RuleAction.ACCEPT) {
            // A peer that cannot be evaluated fails closed: the rule refuses everything.
            out.add(new VerdictRule(RuleAction.DENY, AllowPeer.ANYONE, true, List.of(), rule.ref()));
            return;
        }
        if (rule.peers().isEmpty()) {
            return; // only unknown peers, in an Accept rule: it admits nothing
        }
        entries(rule.peers(), rule.ports(), rule.action(), rule.ref(), pod, ingress, out);
    }

    /** A NetworkPolicy rule with no peers admits everyone; the caller decides whether that can happen. */
    private static void entries(
            List<Peer> peers,
            List<PortSpec> specs,
            RuleAction action,
            RuleOrigin origin,
            EnginePod pod,
            boolean ingress,
            List<VerdictRule> out) {
        boolean allPorts = specs.isEmpty();
        List<PortMatch> ports = new ArrayList<>();
        for (PortSpec spec : specs) {
            if (spec.portName() != null) {
                if (ingress) {
                    NamedPort named = pod.namedPorts().get(spec.portName());
                    if (named != null && (spec.protocol() == null || named.protocol() == spec.protocol())) {
                        ports.add(PortMatch.range(named.protocol(), named.port(), named.port()));
                    }
                } else if (spec.protocol() != null) {
                    ports.add(PortMatch.named(spec.protocol(), spec.portName()));
                } else {
                    // A ClusterNetworkPolicy's named port has no protocol: the destination's port decides it.
                    for (Protocol protocol : Protocol.values()) {
                        ports.add(PortMatch.named(protocol, spec.portName()));
                    }
                }
            } else if (spec.port() == null) {
                ports.add(PortMatch.allOf(spec.protocol()));
            } else {
                ports.add(PortMatch.range(
                        spec.protocol(), spec.port(), spec.endPort() == null ? spec.port() : spec.endPort()));
            }
        }
        if (!allPorts && ports.isEmpty()) {
            // Every port of the rule names a port this pod does not have: the rule matches nothing here.
            return;
        }
        List<PortMatch> sorted = ports.stream().distinct().sorted().toList();
        if (peers.isEmpty()) {
            out.add(new VerdictRule(action, AllowPeer.ANYONE, allPorts, sorted, origin));
            return;
        }
        for (Peer peer : peers) {
            AllowPeer allowPeer = peer instanceof Peer.Pods pods
                    ? new AllowPeer.PeerSetMembers(pods.set().id())
                    : new AllowPeer.Range(((Peer.Addresses) peer).cidr(), ((Peer.Addresses) peer).except());
            out.add(new VerdictRule(action, allowPeer, allPorts, sorted, origin));
        }
    }
}
