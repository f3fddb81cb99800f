package io.policyledger.core.networkpolicy;

import io.policyledger.core.net.Cidr;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import io.policyledger.core.selector.LabelSelector;
import io.policyledger.core.selector.LabelSelectorValidation;
import io.policyledger.core.validation.Limits;
import io.policyledger.core.validation.NameValidation;
import io.policyledger.core.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validation and defaulting of NetworkPolicies as the Kubernetes API server does them
 * ({@code ValidateNetworkPolicySpec}, {@code SetDefaults_NetworkPolicy}), plus normalization of
 * CIDRs with host bits set.
 */
final class NetworkPolicyValidation {

    static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
    static final List<String> POLICY_TYPES = List.of("Ingress", "Egress");

    private NetworkPolicyValidation() {}

    static void validate(
            ObjectKey key, Map<String, String> labels, Map<String, String> annotations, NetworkPolicySpec spec) {
        Violations v = new Violations();
        ObjectMetaValidation.validate(v, key, labels, annotations);
        if (spec == null) {
            v.required("spec", "");
        } else {
            spec(v, spec);
        }
        v.throwIfAny(Kind.NETWORK_POLICY, key.name());
    }

    private static void spec(Violations v, NetworkPolicySpec spec) {
        LabelSelectorValidation.validate(v, "spec.podSelector", spec.podSelector());
        List<NetworkPolicyIngressRule> ingress = orEmpty(spec.ingress());
        if (!Limits.within(v, "spec.ingress", ingress.size(), Limits.RULES)) {
            ingress = List.of();
        }
        for (int i = 0; i < ingress.size(); i++) {
            NetworkPolicyIngressRule rule = ingress.get(i);
            rule(v, "spec.ingress[" + i + "]", rule.ports(), rule.from(), "from");
        }
        List<NetworkPolicyEgressRule> egress = orEmpty(spec.egress());
        if (!Limits.within(v, "spec.egress", egress.size(), Limits.RULES)) {
            egress = List.of();
        }
        for (int i = 0; i < egress.size(); i++) {
            NetworkPolicyEgressRule rule = egress.get(i);
            rule(v, "spec.egress[" + i + "]", rule.ports(), rule.to(), "to");
        }
        List<String> types = orEmpty(spec.policyTypes());
        if (types.size() > POLICY_TYPES.size()) {
            v.invalid("spec.policyTypes", types, "may not specify more than two policyTypes");
            return;
        }
        for (int i = 0; i < types.size(); i++) {
            if (!POLICY_TYPES.contains(types.get(i))) {
                v.notSupported("spec.policyTypes[" + i + "]", types.get(i), POLICY_TYPES);
            }
        }
    }

    private static void rule(
            Violations v, String at, List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> peers, String peersField) {
        List<NetworkPolicyPort> p = orEmpty(ports);
        if (Limits.within(v, at + ".ports", p.size(), Limits.PORTS)) {
            for (int i = 0; i < p.size(); i++) {
                port(v, at + ".ports[" + i + "]", p.get(i));
            }
        }
        List<NetworkPolicyPeer> q = orEmpty(peers);
        if (Limits.within(v, at + "." + peersField, q.size(), Limits.PEERS)) {
            for (int i = 0; i < q.size(); i++) {
                peer(v, at + "." + peersField + "[" + i + "]", q.get(i));
            }
        }
    }

    private static void port(Violations v, String at, NetworkPolicyPort port) {
        if (port.protocol() != null && !PROTOCOLS.contains(port.protocol())) {
            v.notSupported(at + ".protocol", port.protocol(), PROTOCOLS);
        }
        if (port.port() == null) {
            if (port.endPort() != null) {
                v.invalid(at + ".endPort", port.endPort(), "may not be specified when `port` is not specified");
            }
            return;
        }
        if (port.port().isNumber()) {
            int number = port.port().intValue();
            if (!validPort(number)) {
                v.invalid(at + ".port", number, "must be between 1 and 65535, inclusive");
            }
            if (port.endPort() != null) {
                if (port.endPort() < number) {
                    v.invalid(at + ".endPort", port.endPort(), "must be greater than or equal to `port`");
                }
                if (!validPort(port.endPort())) {
                    v.invalid(at + ".endPort", port.endPort(), "must be between 1 and 65535, inclusive");
                }
            }
        } else {
            if (port.endPort() != null) {
                v.invalid(at + ".endPort", port.endPort(), "may not be specified when `port` is non-numeric");
            }
            String name = port.port().stringValue();
            NameValidation.ianaSvcName(name).forEach(problem -> v.invalid(at + ".port", name, problem));
        }
    }

    private static void peer(Violations v, String at, NetworkPolicyPeer peer) {
        int kinds = 0;
        if (peer.podSelector() != null) {
            kinds++;
            LabelSelectorValidation.validate(v, at + ".podSelector", peer.podSelector());
        }
        if (peer.namespaceSelector() != null) {
            kinds++;
            LabelSelectorValidation.validate(v, at + ".namespaceSelector", peer.namespaceSelector());
        }
        if (peer.ipBlock() != null) {
            kinds++;
            ipBlock(v, at + ".ipBlock", peer.ipBlock());
        }
        if (kinds == 0) {
            v.required(at, "must specify a peer");
        } else if (kinds > 1 && peer.ipBlock() != null) {
            v.forbidden(at, "may not specify both ipBlock and another peer");
        }
    }

    private static void ipBlock(Violations v, String at, IPBlock block) {
        if (block.cidr() == null || block.cidr().isEmpty()) {
            v.required(at + ".cidr", "");
            return;
        }
        Optional<Cidr> cidr = Cidr.parse(block.cidr());
        if (cidr.isEmpty()) {
            v.invalid(at + ".cidr", block.cidr(), "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
            return;
        }
        List<String> except = orEmpty(block.except());
        if (!Limits.within(v, at + ".except", except.size(), Limits.EXCEPT)) {
            return;
        }
        for (int i = 0; i < except.size(); i++) {
            String e = except.get(i);
            Optional<Cidr> inner = Cidr.parse(e);
            if (inner.isEmpty()) {
                v.invalid(
                        at + ".except[" + i + "]",
                        e,
                        "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
            } else if (!cidr.get().covers(inner.get())
                    || inner.get().prefixLength() <= cidr.get().prefixLength()) {
                v.invalid(at + ".except[" + i + "]", e, "must be a strict subset of `cidr`");
            }
        }
    }

    private static boolean validPort(int port) {
        return port >= 1 && port <= 65535;
    }

    /**
     * Kubernetes defaulting: ports are TCP unless stated; {@code policyTypes} omitted means Ingress, plus
     * Egress when the policy has egress rules. CIDRs are stored in their network form.
     */
    static NetworkPolicySpec withDefaults(NetworkPolicySpec spec) {
        List<NetworkPolicyIngressRule> ingress = null;
        if (spec.ingress() != null) {
            ingress = new ArrayList<>();
            for (NetworkPolicyIngressRule r : spec.ingress()) {
                ingress.add(new NetworkPolicyIngressRule(ports(r.ports()), peers(r.from())));
            }
        }
        List<NetworkPolicyEgressRule> egress = null;
        if (spec.egress() != null) {
            egress = new ArrayList<>();
            for (NetworkPolicyEgressRule r : spec.egress()) {
                egress.add(new NetworkPolicyEgressRule(ports(r.ports()), peers(r.to())));
            }
        }
        List<String> types = spec.policyTypes();
        if (types == null || types.isEmpty()) {
            types = egress != null && !egress.isEmpty() ? POLICY_TYPES : List.of("Ingress");
        }
        LabelSelector podSelector = spec.podSelector() == null ? LabelSelector.EVERYTHING : spec.podSelector();
        return new NetworkPolicySpec(podSelector, ingress, egress, types);
    }

    private static List<NetworkPolicyPort> ports(List<NetworkPolicyPort> ports) {
        if (ports == null) {
            return null;
        }
        return ports.stream()
                .map(p -> new NetworkPolicyPort(p.protocol() == null ? "TCP" : p.protocol(), p.port(), p.endPort()))
                .toList();
    }

    private static List<NetworkPolicyPeer> peers(List<NetworkPolicyPeer> peers) {
        if (peers == null) {
            return null;
        }
        return peers.stream()
                .map(p -> p.ipBlock() == null
                        ? p
                        : new NetworkPolicyPeer(
                                p.podSelector(),
                                p.namespaceSelector(),
                                new IPBlock(
                                        normalize(p.ipBlock().cidr()),
                                        p.ipBlock().except() == null
                                                ? null
                                                : p.ipBlock().except().stream()
                                                        .map(NetworkPolicyValidation::normalize)
                                                        .toList())))
                .toList();
    }

    private static String normalize(String cidr) {
        return Cidr.parse(cidr).map(Cidr::toString).orElse(cidr);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
