package io.policyledger.core.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Computes one pod's rule set from the policies that apply to it and its namespace's isolation:
 * the union of their rules (never order-dependent: policies are taken in a fixed order), with the
 * pod's own named ports resolved for ingress. Egress named ports stay named: they are resolved on
 * each destination pod, whose ports may differ.
 */
final class RuleSetCalculator {

    private RuleSetCalculator() {
    }

    static PodRuleSet compute(EnginePod pod, Collection<CompiledPolicy> policies, EngineNamespace namespace) {
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
        List<Allow> ingressAllows = new ArrayList<>();
        List<Allow> egressAllows = new ArrayList<>();
        for (CompiledPolicy p : policies) {
            if (ingress.isolated()) {
                for (CompiledRule rule : p.ingress()) {
                    entries(rule, p.ref(), pod, true, ingressAllows);
                }
            }
            if (egress.isolated()) {
                for (CompiledRule rule : p.egress()) {
                    entries(rule, p.ref(), pod, false, egressAllows);
                }
            }
        }
        return new PodRuleSet(pod.ref(), ingress, ingressAllows, egress, egressAllows);
    }

    private static void entries(CompiledRule rule, PolicyRef policy, EnginePod pod, boolean ingress, List<Allow> out) {
        boolean allPorts = rule.ports().isEmpty();
        List<PortMatch> ports = new ArrayList<>();
        for (PortSpec spec : rule.ports()) {
            if (spec.portName() != null) {
                if (ingress) {
                    NamedPort named = pod.namedPorts().get(spec.portName());
                    if (named != null && named.protocol() == spec.protocol()) {
                        ports.add(PortMatch.range(spec.protocol(), named.port(), named.port()));
                    }
                } else {
                    ports.add(PortMatch.named(spec.protocol(), spec.portName()));
                }
            } else if (spec.port() == null) {
                ports.add(PortMatch.allOf(spec.protocol()));
            } else {
                ports.add(PortMatch.range(spec.protocol(), spec.port(),
                        spec.endPort() == null ? spec.port() : spec.endPort()));
            }
        }
        if (!allPorts && ports.isEmpty()) {
            // Every port of the rule names a port this pod does not have: the rule admits nothing here.
            return;
        }
        List<PortMatch> sorted = ports.stream().distinct().sorted().toList();
        if (rule.peers().isEmpty()) {
            out.add(new Allow(AllowPeer.ANYONE, allPorts, sorted, policy));
            return;
        }
        for (Peer peer : rule.peers()) {
            AllowPeer allowPeer = peer instanceof Peer.Pods pods
                    ? new AllowPeer.PeerSetMembers(pods.set().id())
                    : new AllowPeer.Range(((Peer.Addresses) peer).cidr(), ((Peer.Addresses) peer).except());
            out.add(new Allow(allowPeer, allPorts, sorted, policy));
        }
    }
}
