package io.policyledger.core.engine;

import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyEgressRule;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyIngressRule;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyProtocol;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySpec;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySubject;
import io.policyledger.core.clusternetworkpolicy.NamespacedPod;
import io.policyledger.core.clusternetworkpolicy.Port;
import io.policyledger.core.clusternetworkpolicy.ProtocolPort;
import io.policyledger.core.net.Cidr;
import io.policyledger.core.net.IpAddress;
import io.policyledger.core.networkpolicy.IntOrString;
import io.policyledger.core.networkpolicy.NetworkPolicyEgressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyIngressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyPeer;
import io.policyledger.core.networkpolicy.NetworkPolicyPort;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.AlphaPeer;
import io.policyledger.core.networkpolicy.alpha.AlphaPort;
import io.policyledger.core.pod.Container;
import io.policyledger.core.pod.ContainerPort;
import io.policyledger.core.pod.PodIP;
import io.policyledger.core.selector.LabelSelector;
import io.policyledger.core.selector.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * The reference answer, written straight from the Kubernetes documentation and the design (§4), with no
 * index, no compilation, no shared code with the engine beyond CIDR arithmetic: for one connection,
 * look at every policy. Slow on purpose; obviously right is the point. It also evaluates the platform's
 * ClusterNetworkPolicy tiers, ahead of the engine (issue 13): their scenarios are written against it first.
 */
final class NaiveEvaluator {

    private final World world;

    NaiveEvaluator(World world) {
        this.world = world;
    }

    /**
     * The verdict in the order network-policy-api v0.2.0 gives, for each direction: the Admin tier
     * (ClusterNetworkPolicies by priority, rules in order; the first that matches decides, Pass goes on to
     * NetworkPolicies), then NetworkPolicies and the 2016 isolation model (if they isolate the pod, they
     * decide), then the Baseline tier (Pass: the default), then the default: allowed.
     */
    boolean allowed(Endpoint from, Endpoint to, Protocol protocol, int port) {
        return egressAllows(from, to, protocol, port) && ingressAllows(from, to, protocol, port);
    }

    private boolean egressAllows(Endpoint from, Endpoint to, Protocol protocol, int port) {
        if (!(from instanceof Endpoint.Pod source)) {
            return true;
        }
        World.PodInput pod = world.pods.get(source.ref());
        if (pod == null) {
            return false;
        }
        String admin = tier("Admin", pod, false, to, protocol, port);
        if (!admin.equals("Pass")) {
            return admin.equals("Accept");
        }
        Boolean policies = policiesEgress(pod, to, protocol, port);
        if (policies != null) {
            return policies;
        }
        return !tier("Baseline", pod, false, to, protocol, port).equals("Deny");
    }

    private boolean ingressAllows(Endpoint from, Endpoint to, Protocol protocol, int port) {
        if (!(to instanceof Endpoint.Pod destination)) {
            return true;
        }
        World.PodInput pod = world.pods.get(destination.ref());
        if (pod == null) {
            return false;
        }
        if (from instanceof Endpoint.Node node && node.name().equals(pod.node())) {
            return true;
        }
        String admin = tier("Admin", pod, true, from, protocol, port);
        if (!admin.equals("Pass")) {
            return admin.equals("Accept");
        }
        Boolean policies = policiesIngress(from, to, pod, protocol, port);
        if (policies != null) {
            return policies;
        }
        return !tier("Baseline", pod, true, from, protocol, port).equals("Deny");
    }

    /** NetworkPolicies' verdict on a pod's egress: null when none isolates it. */
    private Boolean policiesEgress(World.PodInput pod, Endpoint to, Protocol protocol, int port) {
        boolean isolated = false;
        boolean allowed = false;
        for (World.PolicyInput policy : world.policies.values()) {
            if (policy.v1() == null
                    || !policy.namespace().equals(pod.namespace())
                    || !selects(policy.v1().podSelector(), pod.labels())
                    || !types(policy.v1()).contains("Egress")) {
                continue;
            }
            isolated = true;
            List<NetworkPolicyEgressRule> rules =
                    policy.v1().egress() == null ? List.of() : policy.v1().egress();
            for (NetworkPolicyEgressRule rule : rules) {
                if (peersMatch(rule.to(), policy.namespace(), to) && portsMatch(rule.ports(), to, protocol, port)) {
                    allowed = true;
                }
            }
        }
        return isolated ? allowed : null;
    }

    /** NetworkPolicies' (and the 2016 model's) verdict on a pod's ingress: null when nothing isolates it. */
    private Boolean policiesIngress(Endpoint from, Endpoint to, World.PodInput pod, Protocol protocol, int port) {
        World.NamespaceInput ns = world.namespaces.get(pod.namespace());
        boolean isolated = ns != null
                && ("on".equals(ns.annotations().get("net.alpha.kubernetes.io/network-isolation"))
                        || String.valueOf(ns.annotations().get("net.beta.kubernetes.io/network-policy"))
                                .replace(" ", "")
                                .equals("{\"ingress\":{\"isolation\":\"DefaultDeny\"}}"));
        boolean allowed = false;
        for (World.PolicyInput policy : world.policies.values()) {
            if (!policy.namespace().equals(pod.namespace())) {
                continue;
            }
            if (policy.v1() != null) {
                if (!selects(policy.v1().podSelector(), pod.labels())
                        || !types(policy.v1()).contains("Ingress")) {
                    continue;
                }
                isolated = true;
                List<NetworkPolicyIngressRule> rules =
                        policy.v1().ingress() == null ? List.of() : policy.v1().ingress();
                for (NetworkPolicyIngressRule rule : rules) {
                    if (peersMatch(rule.from(), policy.namespace(), from)
                            && portsMatch(rule.ports(), to, protocol, port)) {
                        allowed = true;
                    }
                }
            } else {
                AlphaNetworkPolicySpec alpha = policy.alpha();
                if (!labelsMatch(alpha.podSelector(), pod.labels()) || alpha.allowIncoming() == null) {
                    continue;
                }
                if (alphaFromMatches(alpha.allowIncoming().from(), policy.namespace(), from)
                        && alphaPortsMatch(alpha.allowIncoming().toPorts(), to, protocol, port)) {
                    allowed = true;
                }
            }
        }
        return isolated ? allowed : null;
    }

    /**
     * A tier's answer for traffic to or from {@code subject} ({@code ingress}: {@code peer} is the source):
     * the action of the first rule that matches, in priority order (ties by name, since upstream leaves
     * them undefined), else Pass. A rule with a peer this server cannot evaluate (domain names, nodes) fails
     * closed: an Accept matches nothing, a Deny or Pass denies everything.
     */
    private String tier(
            String tier, World.PodInput subject, boolean ingress, Endpoint peer, Protocol protocol, int port) {
        List<Map.Entry<String, ClusterNetworkPolicySpec>> ordered = world.clusterPolicies.entrySet().stream()
                .filter(e -> e.getValue().tier().equals(tier)
                        && subjectSelects(e.getValue().subject(), subject))
                .sorted(java.util.Comparator.comparing((Map.Entry<String, ClusterNetworkPolicySpec> e) ->
                                e.getValue().priority())
                        .thenComparing(Map.Entry::getKey))
                .toList();
        for (Map.Entry<String, ClusterNetworkPolicySpec> policy : ordered) {
            if (ingress) {
                for (ClusterNetworkPolicyIngressRule rule :
                        orEmpty(policy.getValue().ingress())) {
                    boolean peers =
                            rule.from().stream().anyMatch(p -> peerMatches(p.namespaces(), p.pods(), null, peer));
                    if (peers && protocolsMatch(rule.protocols(), World.pod(subjectRef(subject)), protocol, port)) {
                        return rule.action();
                    }
                }
            } else {
                for (ClusterNetworkPolicyEgressRule rule :
                        orEmpty(policy.getValue().egress())) {
                    // This server keeps no Node objects and resolves no names: such peers cannot be evaluated.
                    boolean unknown = rule.to().stream().anyMatch(p -> p.domainNames() != null || p.nodes() != null);
                    if (unknown && !rule.action().equals("Accept")) {
                        return "Deny";
                    }
                    boolean peers =
                            rule.to().stream().anyMatch(p -> peerMatches(p.namespaces(), p.pods(), p.networks(), peer));
                    if (peers && protocolsMatch(rule.protocols(), peer, protocol, port)) {
                        return rule.action();
                    }
                }
            }
        }
        return "Pass";
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String subjectRef(World.PodInput pod) {
        return pod.namespace() + "/" + pod.name();
    }

    private boolean subjectSelects(ClusterNetworkPolicySubject subject, World.PodInput pod) {
        World.NamespaceInput ns = world.namespaces.get(pod.namespace());
        if (ns == null) {
            return false;
        }
        if (subject.namespaces() != null) {
            return selects(subject.namespaces(), ns.labels());
        }
        return selects(subject.pods().namespaceSelector(), ns.labels())
                && selects(subject.pods().podSelector(), pod.labels());
    }

    private boolean peerMatches(
            LabelSelector namespaces, NamespacedPod pods, List<String> networks, Endpoint endpoint) {
        if (networks != null) {
            for (IpAddress ip : addresses(endpoint)) {
                if (networks.stream().anyMatch(n -> Cidr.parse(n).orElseThrow().contains(ip))) {
                    return true;
                }
            }
            return false;
        }
        if (!(endpoint instanceof Endpoint.Pod podEndpoint) || !world.pods.containsKey(podEndpoint.ref())) {
            return false;
        }
        World.PodInput pod = world.pods.get(podEndpoint.ref());
        World.NamespaceInput ns = world.namespaces.get(pod.namespace());
        if (ns == null) {
            return false;
        }
        if (namespaces != null) {
            return selects(namespaces, ns.labels());
        }
        return pods != null
                && selects(pods.namespaceSelector(), ns.labels())
                && selects(pods.podSelector(), pod.labels());
    }

    /** Absent protocols: every port of every protocol. A named port is the destination pod's, of any protocol. */
    private boolean protocolsMatch(
            List<ClusterNetworkPolicyProtocol> protocols, Endpoint destination, Protocol protocol, int port) {
        if (protocols == null) {
            return true;
        }
        for (ClusterNetworkPolicyProtocol p : protocols) {
            ProtocolPort match = switch (protocol) {
                case TCP -> p.tcp();
                case UDP -> p.udp();
                case SCTP -> p.sctp();
            };
            if (match != null) {
                Port dp = match.destinationPort();
                if (dp.number() != null
                        ? dp.number() == port
                        : port >= dp.range().start() && port <= dp.range().end()) {
                    return true;
                }
            }
            if (p.destinationNamedPort() != null
                    && namedPortMatches(p.destinationNamedPort(), destination, protocol, port)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> types(NetworkPolicySpec spec) {
        if (spec.policyTypes() != null && !spec.policyTypes().isEmpty()) {
            return spec.policyTypes();
        }
        return spec.egress() != null && !spec.egress().isEmpty() ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private boolean peersMatch(List<NetworkPolicyPeer> peers, String policyNamespace, Endpoint endpoint) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.ipBlock() != null) {
                Cidr cidr = Cidr.parse(peer.ipBlock().cidr()).orElseThrow();
                for (IpAddress ip : addresses(endpoint)) {
                    boolean excepted = peer.ipBlock().except() != null
                            && peer.ipBlock().except().stream()
                                    .anyMatch(e -> Cidr.parse(e).orElseThrow().contains(ip));
                    if (cidr.contains(ip) && !excepted) {
                        return true;
                    }
                }
                continue;
            }
            if (!(endpoint instanceof Endpoint.Pod podEndpoint)) {
                continue;
            }
            World.PodInput pod = world.pods.get(podEndpoint.ref());
            if (pod == null) {
                continue;
            }
            if (peer.namespaceSelector() != null) {
                World.NamespaceInput ns = world.namespaces.get(pod.namespace());
                if (ns != null
                        && selects(peer.namespaceSelector(), ns.labels())
                        && (peer.podSelector() == null || selects(peer.podSelector(), pod.labels()))) {
                    return true;
                }
            } else if (pod.namespace().equals(policyNamespace) && selects(peer.podSelector(), pod.labels())) {
                return true;
            }
        }
        return false;
    }

    private boolean portsMatch(List<NetworkPolicyPort> ports, Endpoint destination, Protocol protocol, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            if (p.protocol() != null && !p.protocol().equals(protocol.name())
                    || p.protocol() == null && protocol != Protocol.TCP) {
                continue;
            }
            if (portMatches(p.port(), p.endPort(), destination, protocol, port)) {
                return true;
            }
        }
        return false;
    }

    private boolean portMatches(IntOrString p, Integer endPort, Endpoint destination, Protocol protocol, int port) {
        if (p == null) {
            return true;
        }
        if (p.isNumber()) {
            return endPort == null ? p.intValue() == port : port >= p.intValue() && port <= endPort;
        }
        return namedPortMatches(p.stringValue(), destination, protocol, port);
    }

    /** Whether a container of the destination pod serves {@code port} over {@code protocol} under this name. */
    private boolean namedPortMatches(String name, Endpoint destination, Protocol protocol, int port) {
        if (!(destination instanceof Endpoint.Pod podEndpoint) || !world.pods.containsKey(podEndpoint.ref())) {
            return false;
        }
        for (Container c : world.pods.get(podEndpoint.ref()).spec().containers()) {
            for (ContainerPort cp : c.ports() == null ? List.<ContainerPort>of() : c.ports()) {
                String cpProtocol = cp.protocol() == null ? "TCP" : cp.protocol();
                if (name.equals(cp.name()) && cpProtocol.equals(protocol.name()) && cp.containerPort() == port) {
                    return true;
                }
            }
        }
        return false;
    }

    /** As in Kubernetes' Go types (omitempty), an empty list is the same as an omitted one: everyone. */
    private boolean alphaFromMatches(List<AlphaPeer> from, String policyNamespace, Endpoint endpoint) {
        if (from == null || from.isEmpty()) {
            return true;
        }
        if (!(endpoint instanceof Endpoint.Pod podEndpoint) || world.pods.get(podEndpoint.ref()) == null) {
            return false;
        }
        World.PodInput pod = world.pods.get(podEndpoint.ref());
        for (AlphaPeer peer : from) {
            if (peer.pods() != null
                    && pod.namespace().equals(policyNamespace)
                    && labelsMatch(peer.pods(), pod.labels())) {
                return true;
            }
            World.NamespaceInput ns = world.namespaces.get(pod.namespace());
            if (peer.namespaces() != null && ns != null && labelsMatch(peer.namespaces(), ns.labels())) {
                return true;
            }
        }
        return false;
    }

    private boolean alphaPortsMatch(List<AlphaPort> toPorts, Endpoint destination, Protocol protocol, int port) {
        if (toPorts == null || toPorts.isEmpty()) {
            return true;
        }
        for (AlphaPort p : toPorts) {
            String proto = p.protocol() == null ? "TCP" : p.protocol();
            if (proto.equals(protocol.name()) && portMatches(p.port(), null, destination, protocol, port)) {
                return true;
            }
        }
        return false;
    }

    private List<IpAddress> addresses(Endpoint endpoint) {
        if (endpoint instanceof Endpoint.Address a) {
            return List.of(a.ip());
        }
        if (endpoint instanceof Endpoint.Pod p && world.pods.containsKey(p.ref())) {
            World.PodInput pod = world.pods.get(p.ref());
            return pod.status().podIPs() == null
                    ? List.of()
                    : pod.status().podIPs().stream()
                            .map(PodIP::ip)
                            .map(ip -> IpAddress.parse(ip).orElseThrow())
                            .toList();
        }
        return List.of();
    }

    /** Label selector semantics, from the Kubernetes documentation; null selects nothing here (no such peer field). */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (!labelsMatch(selector.matchLabels(), labels)) {
            return false;
        }
        if (selector.matchExpressions() != null) {
            for (LabelSelectorRequirement e : selector.matchExpressions()) {
                String value = labels.get(e.key());
                List<String> values = e.values() == null ? List.of() : e.values();
                boolean ok = switch (e.operator()) {
                    case "In" -> value != null && values.contains(value);
                    case "NotIn" -> value == null || !values.contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new IllegalArgumentException(e.operator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean labelsMatch(Map<String, String> wanted, Map<String, String> labels) {
        if (wanted == null) {
            return true;
        }
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            if (!w.getValue().equals(labels.get(w.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
