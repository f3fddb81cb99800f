package io.policyledger.core.engine;

import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyEgressPeer;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyEgressRule;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyIngressPeer;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyIngressRule;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyProtocol;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySpec;
import io.policyledger.core.clusternetworkpolicy.NamespacedPod;
import io.policyledger.core.clusternetworkpolicy.Port;
import io.policyledger.core.clusternetworkpolicy.ProtocolPort;
import io.policyledger.core.net.Cidr;
import io.policyledger.core.selector.LabelSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns stored ClusterNetworkPolicies (validated) into {@link CompiledClusterPolicy}. Peers of all pods of
 * some namespaces, or of some pods, become peer sets like a NetworkPolicy's; networks become address
 * ranges. Nodes and domain names are peers this server cannot evaluate (it keeps no Node objects and
 * resolves no names), so, as upstream asks of an implementation that does not support a peer, they fail
 * closed: they match nothing in an Accept rule, and a Deny or Pass rule naming one denies everything.
 */
public final class ClusterPolicyCompiler {

    private ClusterPolicyCompiler() {}

    public static CompiledClusterPolicy compile(String name, ClusterNetworkPolicySpec spec) {
        Tier tier = Tier.ofApiName(spec.tier());
        int priority = spec.priority();
        Selector namespaces;
        Selector pods;
        if (spec.subject().namespaces() != null) {
            namespaces = selector(spec.subject().namespaces());
            pods = Selector.ALL;
        } else {
            namespaces = selector(spec.subject().pods().namespaceSelector());
            pods = selector(spec.subject().pods().podSelector());
        }
        List<CompiledClusterPolicy.TierRule> ingress = new ArrayList<>();
        List<ClusterNetworkPolicyIngressRule> ingressRules = spec.ingress() == null ? List.of() : spec.ingress();
        for (int i = 0; i < ingressRules.size(); i++) {
            ClusterNetworkPolicyIngressRule r = ingressRules.get(i);
            List<Peer> peers = new ArrayList<>();
            for (ClusterNetworkPolicyIngressPeer p : r.from()) {
                peers.add(podsPeer(p.namespaces(), p.pods()));
            }
            ingress.add(new CompiledClusterPolicy.TierRule(
                    new ClusterRuleRef(name, tier, priority, i, r.name()),
                    RuleAction.ofApiName(r.action()),
                    peers,
                    ports(r.protocols()),
                    false));
        }
        List<CompiledClusterPolicy.TierRule> egress = new ArrayList<>();
        List<ClusterNetworkPolicyEgressRule> egressRules = spec.egress() == null ? List.of() : spec.egress();
        for (int i = 0; i < egressRules.size(); i++) {
            ClusterNetworkPolicyEgressRule r = egressRules.get(i);
            List<Peer> peers = new ArrayList<>();
            boolean unknown = false;
            for (ClusterNetworkPolicyEgressPeer p : r.to()) {
                if (p.networks() != null) {
                    p.networks()
                            .forEach(n ->
                                    peers.add(new Peer.Addresses(Cidr.parse(n).orElseThrow(), List.of())));
                } else if (p.namespaces() != null || p.pods() != null) {
                    peers.add(podsPeer(p.namespaces(), p.pods()));
                } else {
                    unknown = true;
                }
            }
            egress.add(new CompiledClusterPolicy.TierRule(
                    new ClusterRuleRef(name, tier, priority, i, r.name()),
                    RuleAction.ofApiName(r.action()),
                    peers,
                    ports(r.protocols()),
                    unknown));
        }
        return new CompiledClusterPolicy(name, tier, priority, namespaces, pods, ingress, egress);
    }

    private static Peer podsPeer(LabelSelector namespaces, NamespacedPod pods) {
        if (namespaces != null) {
            return new Peer.Pods(PeerSetKey.acrossNamespaces(selector(namespaces), Selector.ALL));
        }
        return new Peer.Pods(
                PeerSetKey.acrossNamespaces(selector(pods.namespaceSelector()), selector(pods.podSelector())));
    }

    /** A selector the API requires: an empty one (not an absent one) selects everything. */
    private static Selector selector(LabelSelector selector) {
        return Selector.of(selector);
    }

    /** Absent protocols: every port of every protocol (an empty list). A named port is of any protocol. */
    private static List<PortSpec> ports(List<ClusterNetworkPolicyProtocol> protocols) {
        List<PortSpec> out = new ArrayList<>();
        if (protocols == null) {
            return out;
        }
        for (ClusterNetworkPolicyProtocol p : protocols) {
            addPort(out, Protocol.TCP, p.tcp());
            addPort(out, Protocol.UDP, p.udp());
            addPort(out, Protocol.SCTP, p.sctp());
            if (p.destinationNamedPort() != null) {
                out.add(new PortSpec(null, null, null, p.destinationNamedPort()));
            }
        }
        return out;
    }

    private static void addPort(List<PortSpec> out, Protocol protocol, ProtocolPort port) {
        if (port == null) {
            return;
        }
        Port dp = port.destinationPort();
        if (dp == null) {
            out.add(new PortSpec(protocol, null, null, null));
        } else if (dp.number() != null) {
            out.add(new PortSpec(protocol, dp.number(), null, null));
        } else {
            out.add(new PortSpec(protocol, dp.range().start(), dp.range().end(), null));
        }
    }
}
