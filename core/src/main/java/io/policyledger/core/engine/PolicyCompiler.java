package io.policyledger.core.engine;

import io.policyledger.core.net.Cidr;
import io.policyledger.core.networkpolicy.NetworkPolicyEgressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyIngressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyPeer;
import io.policyledger.core.networkpolicy.NetworkPolicyPort;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.AllowIncoming;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.AlphaPeer;
import io.policyledger.core.networkpolicy.alpha.AlphaPort;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns stored policies (validated, defaulted) into {@link CompiledPolicy}: Kubernetes semantics made
 * explicit. A v1 policy speaks of a direction only if its policyTypes name it (rules of other
 * directions are ignored, as by Kubernetes); a v1alpha1 policy only allows ingress.
 */
public final class PolicyCompiler {

    private PolicyCompiler() {}

    public static CompiledPolicy v1(String namespace, String name, NetworkPolicySpec spec) {
        List<String> types = spec.policyTypes() == null || spec.policyTypes().isEmpty()
                ? (spec.egress() != null && !spec.egress().isEmpty()
                        ? List.of("Ingress", "Egress")
                        : List.of("Ingress"))
                : spec.policyTypes();
        boolean ingress = types.contains("Ingress");
        boolean egress = types.contains("Egress");
        List<CompiledRule> ingressRules = new ArrayList<>();
        if (ingress && spec.ingress() != null) {
            for (NetworkPolicyIngressRule r : spec.ingress()) {
                ingressRules.add(new CompiledRule(peers(namespace, r.from()), ports(r.ports())));
            }
        }
        List<CompiledRule> egressRules = new ArrayList<>();
        if (egress && spec.egress() != null) {
            for (NetworkPolicyEgressRule r : spec.egress()) {
                egressRules.add(new CompiledRule(peers(namespace, r.to()), ports(r.ports())));
            }
        }
        return new CompiledPolicy(
                PolicyRef.v1(namespace, name),
                Selector.of(spec.podSelector()),
                ingress,
                egress,
                ingressRules,
                egressRules);
    }

    public static CompiledPolicy v1alpha1(String namespace, String name, AlphaNetworkPolicySpec spec) {
        List<CompiledRule> rules = new ArrayList<>();
        AllowIncoming allow = spec.allowIncoming();
        if (allow != null) {
            List<Peer> peers = new ArrayList<>();
            if (allow.from() != null) {
                for (AlphaPeer p : allow.from()) {
                    peers.add(
                            p.pods() != null
                                    ? new Peer.Pods(PeerSetKey.inNamespace(namespace, Selector.ofLabels(p.pods())))
                                    : new Peer.Pods(PeerSetKey.acrossNamespaces(
                                            Selector.ofLabels(p.namespaces()), Selector.ALL)));
                }
            }
            List<PortSpec> ports = new ArrayList<>();
            if (allow.toPorts() != null) {
                for (AlphaPort p : allow.toPorts()) {
                    ports.add(portSpec(Protocol.of(p.protocol()), p.port(), null));
                }
            }
            rules.add(new CompiledRule(peers, ports));
        }
        return new CompiledPolicy(
                PolicyRef.v1alpha1(namespace, name),
                Selector.ofLabels(spec.podSelector()),
                false,
                false,
                rules,
                List.of());
    }

    private static List<Peer> peers(String namespace, List<NetworkPolicyPeer> peers) {
        List<Peer> out = new ArrayList<>();
        if (peers == null) {
            return out;
        }
        for (NetworkPolicyPeer p : peers) {
            if (p.ipBlock() != null) {
                List<Cidr> except = new ArrayList<>();
                if (p.ipBlock().except() != null) {
                    p.ipBlock().except().forEach(e -> except.add(Cidr.parse(e).orElseThrow()));
                }
                out.add(new Peer.Addresses(Cidr.parse(p.ipBlock().cidr()).orElseThrow(), except));
            } else if (p.namespaceSelector() != null) {
                out.add(new Peer.Pods(
                        PeerSetKey.acrossNamespaces(Selector.of(p.namespaceSelector()), Selector.of(p.podSelector()))));
            } else {
                out.add(new Peer.Pods(PeerSetKey.inNamespace(namespace, Selector.of(p.podSelector()))));
            }
        }
        return out;
    }

    private static List<PortSpec> ports(List<NetworkPolicyPort> ports) {
        List<PortSpec> out = new ArrayList<>();
        if (ports == null) {
            return out;
        }
        for (NetworkPolicyPort p : ports) {
            out.add(portSpec(Protocol.of(p.protocol()), p.port(), p.endPort()));
        }
        return out;
    }

    private static PortSpec portSpec(
            Protocol protocol, io.policyledger.core.networkpolicy.IntOrString port, Integer endPort) {
        if (port == null) {
            return new PortSpec(protocol, null, null, null);
        }
        return port.isNumber()
                ? new PortSpec(protocol, port.intValue(), endPort, null)
                : new PortSpec(protocol, null, null, port.stringValue());
    }
}
