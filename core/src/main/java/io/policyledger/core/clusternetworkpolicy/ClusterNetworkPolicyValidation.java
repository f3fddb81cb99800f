package io.policyledger.core.clusternetworkpolicy;

import io.policyledger.core.net.Cidr;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import io.policyledger.core.selector.LabelSelectorValidation;
import io.policyledger.core.validation.Violations;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The validation of network-policy-api v0.2.0's ClusterNetworkPolicy, its OpenAPI bounds and CEL rules
 * written out as code: tier and action enums, priority 0–1000, exactly one field of each subject, peer,
 * protocol and port, at most 25 rules, peers, protocols, networks and domain names, ports 1–65535,
 * ranges with start below end, CIDRs, and no named port in a rule that reaches networks, nodes or
 * domain names (they have no named ports).
 */
final class ClusterNetworkPolicyValidation {

    static final List<String> TIERS = List.of("Admin", "Baseline");
    static final List<String> ACTIONS = List.of("Accept", "Deny", "Pass");
    static final int MAX_PRIORITY = 1000;
    static final int MAX_ITEMS = 25;
    static final int MAX_RULE_NAME = 100;
    static final int MAX_CIDR = 43;
    private static final Cidr IPV4_MAPPED = Cidr.parse("::ffff:0:0/96").orElseThrow();
    private static final Pattern DOMAIN_NAME = Pattern.compile(
            "^(\\*\\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.?$");

    private ClusterNetworkPolicyValidation() {}

    static void validate(
            String name, Map<String, String> labels, Map<String, String> annotations, ClusterNetworkPolicySpec spec) {
        Violations v = new Violations();
        ObjectMetaValidation.validate(v, ObjectKey.clusterNetworkPolicy(name == null ? "" : name), labels, annotations);
        if (spec == null) {
            v.required("spec", "");
        } else {
            spec(v, spec);
        }
        v.throwIfAny(Kind.CLUSTER_NETWORK_POLICY, name == null ? "" : name);
    }

    private static void spec(Violations v, ClusterNetworkPolicySpec spec) {
        if (spec.tier() == null || spec.tier().isEmpty()) {
            v.required("spec.tier", "");
        } else if (!TIERS.contains(spec.tier())) {
            v.notSupported("spec.tier", spec.tier(), TIERS);
        }
        if (spec.priority() == null) {
            v.required("spec.priority", "");
        } else if (spec.priority() < 0 || spec.priority() > MAX_PRIORITY) {
            v.invalid("spec.priority", spec.priority(), "must be between 0 and " + MAX_PRIORITY + ", inclusive");
        }
        if (spec.subject() == null) {
            v.required("spec.subject", "");
        } else {
            exactlyOne(
                    v,
                    "spec.subject",
                    "namespaces, pods",
                    spec.subject().namespaces(),
                    spec.subject().pods());
            LabelSelectorValidation.validate(
                    v, "spec.subject.namespaces", spec.subject().namespaces());
            namespacedPod(v, "spec.subject.pods", spec.subject().pods());
        }
        List<ClusterNetworkPolicyIngressRule> ingress = spec.ingress() == null ? List.of() : spec.ingress();
        if (atMost(v, "spec.ingress", ingress.size())) {
            for (int i = 0; i < ingress.size(); i++) {
                ingressRule(v, "spec.ingress[" + i + "]", ingress.get(i));
            }
        }
        List<ClusterNetworkPolicyEgressRule> egress = spec.egress() == null ? List.of() : spec.egress();
        if (atMost(v, "spec.egress", egress.size())) {
            for (int i = 0; i < egress.size(); i++) {
                egressRule(v, "spec.egress[" + i + "]", egress.get(i));
            }
        }
    }

    private static void ingressRule(Violations v, String at, ClusterNetworkPolicyIngressRule rule) {
        if (rule == null) {
            v.required(at, "");
            return;
        }
        ruleHead(v, at, rule.name(), rule.action());
        List<ClusterNetworkPolicyIngressPeer> from = rule.from() == null ? List.of() : rule.from();
        if (between(v, at + ".from", from.size())) {
            for (int i = 0; i < from.size(); i++) {
                String peerAt = at + ".from[" + i + "]";
                ClusterNetworkPolicyIngressPeer peer = from.get(i);
                if (peer == null) {
                    v.required(peerAt, "");
                    continue;
                }
                exactlyOne(v, peerAt, "namespaces, pods", peer.namespaces(), peer.pods());
                LabelSelectorValidation.validate(v, peerAt + ".namespaces", peer.namespaces());
                namespacedPod(v, peerAt + ".pods", peer.pods());
            }
        }
        protocols(v, at + ".protocols", rule.protocols());
    }

    private static void egressRule(Violations v, String at, ClusterNetworkPolicyEgressRule rule) {
        if (rule == null) {
            v.required(at, "");
            return;
        }
        ruleHead(v, at, rule.name(), rule.action());
        List<ClusterNetworkPolicyEgressPeer> to = rule.to() == null ? List.of() : rule.to();
        boolean withoutNamedPorts = false;
        if (between(v, at + ".to", to.size())) {
            for (int i = 0; i < to.size(); i++) {
                String peerAt = at + ".to[" + i + "]";
                ClusterNetworkPolicyEgressPeer peer = to.get(i);
                if (peer == null) {
                    v.required(peerAt, "");
                    continue;
                }
                exactlyOne(
                        v,
                        peerAt,
                        "namespaces, pods, nodes, networks, domainNames",
                        peer.namespaces(),
                        peer.pods(),
                        peer.nodes(),
                        peer.networks(),
                        peer.domainNames());
                LabelSelectorValidation.validate(v, peerAt + ".namespaces", peer.namespaces());
                namespacedPod(v, peerAt + ".pods", peer.pods());
                LabelSelectorValidation.validate(v, peerAt + ".nodes", peer.nodes());
                networks(v, peerAt + ".networks", peer.networks());
                domainNames(v, peerAt + ".domainNames", peer.domainNames());
                withoutNamedPorts |= peer.nodes() != null || peer.networks() != null || peer.domainNames() != null;
            }
        }
        protocols(v, at + ".protocols", rule.protocols());
        if (withoutNamedPorts
                && rule.protocols() != null
                && rule.protocols().stream().anyMatch(p -> p != null && p.destinationNamedPort() != null)) {
            v.invalid(
                    at,
                    "destinationNamedPort",
                    "networks/nodes/domainNames peer cannot be set with namedPorts "
                            + "since there are no namedPorts for networks/nodes/domainNames");
        }
    }

    private static void ruleHead(Violations v, String at, String name, String action) {
        if (name != null && name.codePointCount(0, name.length()) > MAX_RULE_NAME) {
            v.tooLong(at + ".name", MAX_RULE_NAME);
        }
        if (action == null || action.isEmpty()) {
            v.required(at + ".action", "");
        } else if (!ACTIONS.contains(action)) {
            v.notSupported(at + ".action", action, ACTIONS);
        }
    }

    private static void protocols(Violations v, String at, List<ClusterNetworkPolicyProtocol> protocols) {
        if (protocols == null) {
            return;
        }
        if (!between(v, at, protocols.size())) {
            return;
        }
        for (int i = 0; i < protocols.size(); i++) {
            String protocolAt = at + "[" + i + "]";
            ClusterNetworkPolicyProtocol p = protocols.get(i);
            if (p == null) {
                v.required(protocolAt, "");
                continue;
            }
            exactlyOne(
                    v,
                    protocolAt,
                    "tcp, udp, sctp, destinationNamedPort",
                    p.tcp(),
                    p.udp(),
                    p.sctp(),
                    p.destinationNamedPort());
            protocolPort(v, protocolAt + ".tcp", p.tcp());
            protocolPort(v, protocolAt + ".udp", p.udp());
            protocolPort(v, protocolAt + ".sctp", p.sctp());
        }
    }

    private static void protocolPort(Violations v, String at, ProtocolPort port) {
        if (port == null) {
            return;
        }
        if (port.destinationPort() == null) {
            v.required(at + ".destinationPort", "must have at least 1 properties");
            return;
        }
        Port p = port.destinationPort();
        String portAt = at + ".destinationPort";
        exactlyOne(v, portAt, "number, range", p.number(), p.range());
        if (p.number() != null) {
            portNumber(v, portAt + ".number", p.number());
        }
        if (p.range() != null) {
            PortRange range = p.range();
            if (range.start() == null) {
                v.required(portAt + ".range.start", "");
            } else {
                portNumber(v, portAt + ".range.start", range.start());
            }
            if (range.end() == null) {
                v.required(portAt + ".range.end", "");
            } else {
                portNumber(v, portAt + ".range.end", range.end());
            }
            if (range.start() != null && range.end() != null && range.start() >= range.end()) {
                v.invalid(
                        portAt + ".range", range.start() + "-" + range.end(), "Start port must be less than End port");
            }
        }
    }

    private static void portNumber(Violations v, String at, int number) {
        if (number < 1 || number > 65535) {
            v.invalid(at, number, "must be between 1 and 65535, inclusive");
        }
    }

    private static void namespacedPod(Violations v, String at, NamespacedPod pods) {
        if (pods == null) {
            return;
        }
        // namespaceSelector is optional upstream (absent: every namespace); podSelector is required.
        if (pods.podSelector() == null) {
            v.required(at + ".podSelector", "");
        }
        LabelSelectorValidation.validate(v, at + ".namespaceSelector", pods.namespaceSelector());
        LabelSelectorValidation.validate(v, at + ".podSelector", pods.podSelector());
    }

    private static void networks(Violations v, String at, List<String> networks) {
        if (networks == null || !between(v, at, networks.size())) {
            return;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < networks.size(); i++) {
            String network = networks.get(i);
            if (network == null || network.length() > MAX_CIDR) {
                v.tooLong(at + "[" + i + "]", MAX_CIDR);
                continue;
            }
            java.util.Optional<Cidr> cidr = Cidr.parse(network);
            // As Kubernetes' CEL isCIDR: an IPv4-mapped IPv6 range is not a CIDR (it would never match IPv4 peers).
            if (cidr.isEmpty() || (!cidr.get().isV4() && IPV4_MAPPED.covers(cidr.get()))) {
                v.invalid(at + "[" + i + "]", network, "Invalid CIDR format provided");
            } else if (!seen.add(network)) {
                v.duplicate(at + "[" + i + "]", network);
            }
        }
    }

    private static void domainNames(Violations v, String at, List<String> names) {
        if (names == null || !between(v, at, names.size())) {
            return;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || !DOMAIN_NAME.matcher(name).matches()) {
                v.invalid(at + "[" + i + "]", name, "must be a domain name, optionally starting with \"*.\"");
            } else if (!seen.add(name)) {
                v.duplicate(at + "[" + i + "]", name);
            }
        }
    }

    private static void exactlyOne(Violations v, String at, String fields, Object... values) {
        long set = Stream.of(values).filter(Objects::nonNull).count();
        if (set != 1) {
            v.invalid(at, set + " fields set", "exactly one of " + fields + " must be set");
        }
    }

    /** 1 to 25 items (upstream MinItems=1, MaxItems=25). */
    private static boolean between(Violations v, String at, int size) {
        if (size == 0) {
            v.required(at, "must have at least 1 items");
            return false;
        }
        return atMost(v, at, size);
    }

    private static boolean atMost(Violations v, String at, int size) {
        if (size > MAX_ITEMS) {
            v.tooMany(at, size, MAX_ITEMS);
            return false;
        }
        return true;
    }
}
