package io.policyledger.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyEgressPeer;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyEgressRule;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyIngressPeer;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyIngressRule;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyProtocol;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySpec;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySubject;
import io.policyledger.core.clusternetworkpolicy.NamespacedPod;
import io.policyledger.core.clusternetworkpolicy.Port;
import io.policyledger.core.clusternetworkpolicy.PortRange;
import io.policyledger.core.clusternetworkpolicy.ProtocolPort;
import io.policyledger.core.networkpolicy.IPBlock;
import io.policyledger.core.networkpolicy.IntOrString;
import io.policyledger.core.networkpolicy.NetworkPolicyEgressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyIngressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyPeer;
import io.policyledger.core.networkpolicy.NetworkPolicyPort;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.AllowIncoming;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.AlphaPeer;
import io.policyledger.core.networkpolicy.alpha.AlphaPort;
import io.policyledger.core.pod.Container;
import io.policyledger.core.pod.ContainerPort;
import io.policyledger.core.pod.PodIP;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import io.policyledger.core.selector.LabelSelector;
import io.policyledger.core.selector.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the engine over random histories of a small cluster (3 namespaces, 4 pods each, a few
 * labels, up to 4 policies per namespace, up to 3 ClusterNetworkPolicies in either tier):
 * <ol>
 *   <li>after any sequence of changes, the incremental engine answers every connectivity question exactly
 *       as the naive evaluator does;</li>
 *   <li>its output depends only on the final state: the same final state reached by another order, with
 *       repeated and detoured changes, flushed at other moments, gives the same rule sets and peer sets;
 *       and a consumer that applied the flushed deltas in order holds exactly that output.</li>
 * </ol>
 */
class EnginePropertiesTest {

    private static final List<String> NAMESPACES = List.of("x", "y", "z");
    private static final List<String> PODS = List.of("a", "b", "c", "d");
    private static final List<String> KEYS = List.of("app", "tier", "env");
    private static final List<String> VALUES = List.of("1", "2", "3");
    private static final List<int[]> PROBES =
            List.of(new int[] {0, 80}, new int[] {0, 81}, new int[] {1, 53}, new int[] {2, 80}, new int[] {0, 8080});

    /** One change to the world. */
    sealed interface Op {
        void apply(World world);
    }

    record SetNamespace(String name, Map<String, String> labels, Map<String, String> annotations) implements Op {
        public void apply(World w) {
            w.namespace(name, labels, annotations);
        }
    }

    record RemoveNamespace(String name) implements Op {
        public void apply(World w) {
            w.removeNamespace(name);
        }
    }

    record SetPod(String namespace, String name, Map<String, String> labels, PodSpec spec, PodStatus status)
            implements Op {
        public void apply(World w) {
            w.pod(namespace, name, labels, spec, status);
        }
    }

    record RemovePod(String namespace, String name) implements Op {
        public void apply(World w) {
            w.removePod(namespace, name);
        }
    }

    record SetPolicy(String namespace, String name, NetworkPolicySpec spec) implements Op {
        public void apply(World w) {
            w.policy(namespace, name, spec);
        }
    }

    record SetAlphaPolicy(String namespace, String name, AlphaNetworkPolicySpec spec) implements Op {
        public void apply(World w) {
            w.alphaPolicy(namespace, name, spec);
        }
    }

    record RemovePolicy(PolicyRef ref) implements Op {
        public void apply(World w) {
            w.removePolicy(ref);
        }
    }

    record SetClusterPolicy(String name, ClusterNetworkPolicySpec spec) implements Op {
        public void apply(World w) {
            w.clusterPolicy(name, spec);
        }
    }

    record RemoveClusterPolicy(String name) implements Op {
        public void apply(World w) {
            w.removeClusterPolicy(name);
        }
    }

    @Property(tries = 1000)
    void theIncrementalEngineAgreesWithTheNaiveEvaluator(
            @ForAll("histories") @Size(min = 1, max = 60) List<Op> ops,
            @ForAll @Size(max = 60) List<Boolean> flushAfter) {
        // The flush points are generated too, so a failure shrinks to the fewest that still show it.
        World world = new World();
        for (int i = 0; i < ops.size(); i++) {
            ops.get(i).apply(world);
            if (i < flushAfter.size() && flushAfter.get(i)) {
                world.engine.flush();
            }
        }
        ConnectivityEvaluator engine = world.evaluator();
        NaiveEvaluator naive = world.naive();
        List<Endpoint> endpoints = new ArrayList<>();
        world.pods.keySet().forEach(p -> endpoints.add(new Endpoint.Pod(p)));
        endpoints.add(World.address("10.1.2.7"));
        endpoints.add(World.address("192.168.0.1"));
        endpoints.add(new Endpoint.Node("n1"));
        List<String> disagreements = new ArrayList<>();
        for (Endpoint from : endpoints) {
            for (Endpoint to : endpoints) {
                for (int[] probe : PROBES) {
                    Protocol protocol = Protocol.values()[probe[0]];
                    boolean expected = naive.allowed(from, to, protocol, probe[1]);
                    Verdict actual = engine.check(from, to, protocol, probe[1]);
                    if (actual.allowed() != expected) {
                        disagreements.add(from + " -> " + to + " " + protocol + " " + probe[1] + ": naive " + expected
                                + ", engine " + actual);
                    }
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Property(tries = 500)
    void theOutputDependsOnlyOnTheFinalState(
            @ForAll("histories") @Size(min = 1, max = 50) List<Op> ops,
            @ForAll @Size(50) List<@IntRange(max = 50) Integer> detourOrder,
            @ForAll @Size(50) List<@IntRange(max = 50) Integer> lastOrder,
            @ForAll @Size(max = 50) List<Boolean> twice,
            @ForAll @Size(max = 100) List<Boolean> flushes) {
        World direct = new World();
        Map<Object, Op> finalOps = new LinkedHashMap<>();
        for (Op op : ops) {
            op.apply(direct);
            finalOps.put(subject(op), op);
        }
        List<EngineDelta> directDeltas = direct.engine.flush();

        // The same final state, reached otherwise: only each object's last change, in another order,
        // some twice over, after detours through all the changes, flushed in batches of any size (so a
        // batch may hold a change and its undoing). Orders, repeats and flushes are all generated, so a
        // failure shrinks towards the given order, once each, with the fewest flushes that still show it.
        java.util.Iterator<Boolean> flush = flushes.iterator();
        World other = new World();
        Map<Object, Object> replica = new HashMap<>();
        for (Op op : reordered(ops, detourOrder)) {
            op.apply(other);
            if (flush.hasNext() && flush.next()) {
                apply(replica, other.engine.flush());
            }
        }
        List<Op> last = reordered(new ArrayList<>(finalOps.values()), lastOrder);
        for (int i = 0; i < last.size(); i++) {
            last.get(i).apply(other);
            if (i < twice.size() && twice.get(i)) {
                last.get(i).apply(other);
            }
            if (flush.hasNext() && flush.next()) {
                apply(replica, other.engine.flush());
            }
        }
        // Objects that exist only because of a detour must go again.
        removeStrays(other, direct);
        apply(replica, other.engine.flush());

        assertThat(snapshot(other.engine)).isEqualTo(snapshot(direct.engine));
        assertThat(replica).as("a consumer of the deltas").isEqualTo(snapshot(other.engine));
        Map<Object, Object> fromScratch = new HashMap<>();
        apply(fromScratch, directDeltas);
        assertThat(fromScratch).isEqualTo(snapshot(direct.engine));
    }

    /**
     * {@code items} sorted by their keys, ties kept in order. There is a key for every item (the key lists
     * are as long as the longest history), so every order can be drawn, and a failure shrinks towards equal
     * keys: the given order.
     */
    private static <T> List<T> reordered(List<T> items, List<Integer> keys) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            positions.add(i);
        }
        positions.sort(java.util.Comparator.comparingInt(keys::get));
        return positions.stream().map(items::get).toList();
    }

    private static Object subject(Op op) {
        if (op instanceof SetNamespace s) {
            return "ns:" + s.name();
        }
        if (op instanceof RemoveNamespace r) {
            return "ns:" + r.name();
        }
        if (op instanceof SetPod s) {
            return new PodRef(s.namespace(), s.name());
        }
        if (op instanceof RemovePod r) {
            return new PodRef(r.namespace(), r.name());
        }
        if (op instanceof SetPolicy s) {
            return PolicyRef.v1(s.namespace(), s.name());
        }
        if (op instanceof SetAlphaPolicy s) {
            return PolicyRef.v1alpha1(s.namespace(), s.name());
        }
        if (op instanceof SetClusterPolicy s) {
            return "cnp:" + s.name();
        }
        if (op instanceof RemoveClusterPolicy r) {
            return "cnp:" + r.name();
        }
        return ((RemovePolicy) op).ref();
    }

    private static void removeStrays(World other, World direct) {
        for (String ns : new ArrayList<>(other.namespaces.keySet())) {
            if (!direct.namespaces.containsKey(ns)) {
                other.removeNamespace(ns);
            }
        }
        for (PodRef pod : new ArrayList<>(other.pods.keySet())) {
            if (!direct.pods.containsKey(pod)) {
                other.removePod(pod.namespace(), pod.name());
            }
        }
        for (PolicyRef policy : new ArrayList<>(other.policies.keySet())) {
            if (!direct.policies.containsKey(policy)) {
                other.removePolicy(policy);
            }
        }
        for (String name : new ArrayList<>(other.clusterPolicies.keySet())) {
            if (!direct.clusterPolicies.containsKey(name)) {
                other.removeClusterPolicy(name);
            }
        }
    }

    /** The engine's output: rule set per pod, members per peer set. */
    private static Map<Object, Object> snapshot(PolicyEngine engine) {
        Map<Object, Object> out = new HashMap<>(engine.ruleSets());
        for (String id : engine.peerSetIds()) {
            Map<PodRef, EnginePod> members = new TreeMap<>();
            engine.peerSet(id).members().forEach(p -> members.put(p.ref(), p));
            out.put(id, members);
        }
        return out;
    }

    private static void apply(Map<Object, Object> replica, List<EngineDelta> deltas) {
        for (EngineDelta delta : deltas) {
            if (delta instanceof EngineDelta.PeerSetUpdated u) {
                // Members as a consumer that keeps only the changes sees them.
                String key = u.peerSetId();
                Map<PodRef, EnginePod> members;
                if (u.complete()) {
                    members = new TreeMap<>();
                } else {
                    assertThat(replica)
                            .as("set %s sent whole before its changes", key)
                            .containsKey(key);
                    @SuppressWarnings("unchecked")
                    Map<PodRef, EnginePod> known = (Map<PodRef, EnginePod>) replica.get(key);
                    members = new TreeMap<>(known);
                }
                u.left().forEach(members::remove);
                u.upserted().forEach(p -> members.put(p.ref(), p));
                replica.put(key, members);
            } else if (delta instanceof EngineDelta.RuleSetUpdated u) {
                for (String id : u.ruleSet().peerSetIds()) {
                    assertThat(replica)
                            .as("peer set %s known before the rule set using it", id)
                            .containsKey(id);
                }
                replica.put(u.ruleSet().pod(), u.ruleSet());
            } else if (delta instanceof EngineDelta.RuleSetRemoved r) {
                replica.remove(r.pod());
            } else if (delta instanceof EngineDelta.PeerSetRemoved r) {
                replica.remove(r.peerSetId());
            }
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<Op>> histories() {
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, namespaceOps()),
                        net.jqwik.api.Tuple.of(6, podOps()),
                        net.jqwik.api.Tuple.of(5, policyOps()),
                        net.jqwik.api.Tuple.of(3, clusterPolicyOps()))
                .list();
    }

    private Arbitrary<Op> clusterPolicyOps() {
        Arbitrary<String> name = Arbitraries.of("c1", "c2", "c3");
        Arbitrary<Op> set = Combinators.combine(name, clusterPolicySpec()).as(SetClusterPolicy::new);
        Arbitrary<Op> remove = name.map(RemoveClusterPolicy::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, set), net.jqwik.api.Tuple.of(1, remove));
    }

    /** Small priorities so that ties (ordered by name) happen; a few peers the server cannot evaluate. */
    private Arbitrary<ClusterNetworkPolicySpec> clusterPolicySpec() {
        Arbitrary<ClusterNetworkPolicySubject> subject = Arbitraries.oneOf(
                selector().map(s -> new ClusterNetworkPolicySubject(s, null)),
                Combinators.combine(selector(), selector())
                        .as((ns, pod) -> new ClusterNetworkPolicySubject(null, new NamespacedPod(ns, pod))));
        Arbitrary<String> action = Arbitraries.of("Accept", "Deny", "Pass");
        Arbitrary<ClusterNetworkPolicyIngressPeer> ingressPeer = Arbitraries.oneOf(
                selector().map(s -> new ClusterNetworkPolicyIngressPeer(s, null)),
                Combinators.combine(selector(), selector())
                        .as((ns, pod) -> new ClusterNetworkPolicyIngressPeer(null, new NamespacedPod(ns, pod))));
        Arbitrary<ClusterNetworkPolicyEgressPeer> egressPeer = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        3, selector().map(s -> new ClusterNetworkPolicyEgressPeer(s, null, null, null, null))),
                net.jqwik.api.Tuple.of(
                        3,
                        Combinators.combine(selector(), selector())
                                .as((ns, pod) -> new ClusterNetworkPolicyEgressPeer(
                                        null, new NamespacedPod(ns, pod), null, null, null))),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.of(List.of("10.1.0.0/16"), List.of("10.1.2.0/24", "192.168.0.0/24"))
                                .map(n -> new ClusterNetworkPolicyEgressPeer(null, null, null, n, null))),
                net.jqwik.api.Tuple.of(
                        1,
                        Arbitraries.just(new ClusterNetworkPolicyEgressPeer(
                                null, null, new LabelSelector(null, null), null, null))),
                net.jqwik.api.Tuple.of(
                        1,
                        Arbitraries.just(
                                new ClusterNetworkPolicyEgressPeer(null, null, null, null, List.of("example.com")))));
        Arbitrary<ClusterNetworkPolicyProtocol> protocol = Arbitraries.of(
                new ClusterNetworkPolicyProtocol(new ProtocolPort(new Port(80, null)), null, null, null),
                new ClusterNetworkPolicyProtocol(null, new ProtocolPort(new Port(53, null)), null, null),
                new ClusterNetworkPolicyProtocol(
                        new ProtocolPort(new Port(null, new PortRange(80, 81))), null, null, null),
                new ClusterNetworkPolicyProtocol(null, null, new ProtocolPort(new Port(80, null)), null),
                new ClusterNetworkPolicyProtocol(null, null, null, "http"),
                new ClusterNetworkPolicyProtocol(null, null, null, "dns"));
        Arbitrary<List<ClusterNetworkPolicyProtocol>> protocols =
                protocol.list().ofMinSize(1).ofMaxSize(2).injectNull(0.4);
        Arbitrary<List<ClusterNetworkPolicyIngressRule>> ingress = Combinators.combine(
                        Arbitraries.of("r", "s").injectNull(0.5),
                        action,
                        ingressPeer.list().ofMinSize(1).ofMaxSize(2),
                        protocols)
                .as(ClusterNetworkPolicyIngressRule::new)
                .list()
                .ofMaxSize(3)
                .injectNull(0.3);
        Arbitrary<List<ClusterNetworkPolicyEgressRule>> egress = Combinators.combine(
                        Arbitraries.of("r", "s").injectNull(0.5),
                        action,
                        egressPeer.list().ofMinSize(1).ofMaxSize(2),
                        protocols)
                .as(ClusterNetworkPolicyEgressRule::new)
                .list()
                .ofMaxSize(3)
                .injectNull(0.4);
        return Combinators.combine(Arbitraries.of("Admin", "Baseline"), Arbitraries.of(1, 2), subject, ingress, egress)
                .as(ClusterNetworkPolicySpec::new)
                .filter(EnginePropertiesTest::valid);
    }

    /** Only what the API would store: e.g. no named ports with networks, no two rules of one name. */
    private static boolean valid(ClusterNetworkPolicySpec spec) {
        try {
            new io.policyledger.core.clusternetworkpolicy.CreateClusterNetworkPolicy(
                    "c", "uid", Map.of(), Map.of(), spec);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Arbitrary<Op> namespaceOps() {
        Arbitrary<Op> set = Combinators.combine(Arbitraries.of(NAMESPACES), labels(), isolation())
                .as(SetNamespace::new);
        Arbitrary<Op> remove = Arbitraries.of(NAMESPACES).map(RemoveNamespace::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, set), net.jqwik.api.Tuple.of(1, remove));
    }

    private Arbitrary<Map<String, String>> isolation() {
        return Arbitraries.of(
                Map.of(),
                Map.of("net.alpha.kubernetes.io/network-isolation", "on"),
                Map.of("net.alpha.kubernetes.io/network-isolation", "off"),
                Map.of("net.beta.kubernetes.io/network-policy", "{\"ingress\": {\"isolation\": \"DefaultDeny\"}}"));
    }

    private Arbitrary<Op> podOps() {
        Arbitrary<String> ns = Arbitraries.of(NAMESPACES);
        Arbitrary<String> name = Arbitraries.of(PODS);
        Arbitrary<PodSpec> spec = Combinators.combine(Arbitraries.of("n1", "n2"), namedPorts())
                .as((node, ports) -> new PodSpec(node, List.of(new Container("c", null, ports))));
        Arbitrary<PodStatus> status = Arbitraries.integers()
                .between(1, 20)
                .map(i -> new PodStatus("10.1." + (i % 3) + "." + i, List.of(new PodIP("10.1." + (i % 3) + "." + i))));
        Arbitrary<Op> set =
                Combinators.combine(ns, name, labels(), spec, status).as(SetPod::new);
        Arbitrary<Op> remove = Combinators.combine(ns, name).as(RemovePod::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, set), net.jqwik.api.Tuple.of(1, remove));
    }

    private Arbitrary<List<ContainerPort>> namedPorts() {
        return Arbitraries.of(
                List.<ContainerPort>of(),
                List.of(new ContainerPort("http", 80, "TCP")),
                List.of(new ContainerPort("http", 81, "TCP"), new ContainerPort("dns", 53, "UDP")),
                List.of(new ContainerPort("web", 80, "SCTP"), new ContainerPort("dns", 53, "TCP")));
    }

    private Arbitrary<Map<String, String>> labels() {
        return Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.of(VALUES))
                .ofMaxSize(2)
                .map(TreeMap::new);
    }

    private Arbitrary<LabelSelector> selector() {
        Arbitrary<LabelSelectorRequirement> expression = Combinators.combine(
                        Arbitraries.of(KEYS),
                        Arbitraries.of("In", "NotIn", "Exists", "DoesNotExist"),
                        Arbitraries.of(VALUES).list().ofMinSize(1).ofMaxSize(2))
                .as((key, op, values) ->
                        new LabelSelectorRequirement(key, op, op.equals("In") || op.equals("NotIn") ? values : null));
        return Combinators.combine(
                        Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.of(VALUES))
                                .ofMaxSize(1),
                        expression.list().ofMaxSize(1))
                .as((m, e) -> new LabelSelector(m.isEmpty() ? null : m, e.isEmpty() ? null : e));
    }

    private Arbitrary<NetworkPolicyPeer> peer() {
        Arbitrary<NetworkPolicyPeer> pods = selector().map(s -> new NetworkPolicyPeer(s, null, null));
        Arbitrary<NetworkPolicyPeer> namespaces = Combinators.combine(
                        selector(), selector().injectNull(0.5))
                .as((ns, pod) -> new NetworkPolicyPeer(pod, ns, null));
        Arbitrary<NetworkPolicyPeer> block = Arbitraries.of(
                        new IPBlock("10.1.0.0/16", null), new IPBlock("10.1.0.0/16", List.of("10.1.1.0/24")),
                        new IPBlock("10.1.2.0/24", null), new IPBlock("0.0.0.0/0", List.of("10.1.0.0/16")))
                .map(b -> new NetworkPolicyPeer(null, null, b));
        return Arbitraries.oneOf(pods, namespaces, block);
    }

    private Arbitrary<NetworkPolicyPort> port() {
        Arbitrary<String> protocol = Arbitraries.of("TCP", "UDP", "SCTP").injectNull(0.4);
        Arbitrary<NetworkPolicyPort> numbered = Combinators.combine(protocol, Arbitraries.of(53, 80, 81))
                .as((p, n) -> new NetworkPolicyPort(p, IntOrString.of(n), null));
        Arbitrary<NetworkPolicyPort> range = protocol.map(p -> new NetworkPolicyPort(p, IntOrString.of(80), 81));
        Arbitrary<NetworkPolicyPort> named = Combinators.combine(protocol, Arbitraries.of("http", "dns", "web"))
                .as((p, n) -> new NetworkPolicyPort(p, IntOrString.of(n), null));
        Arbitrary<NetworkPolicyPort> protocolOnly = protocol.map(p -> new NetworkPolicyPort(p, null, null));
        return Arbitraries.oneOf(numbered, range, named, protocolOnly);
    }

    private Arbitrary<List<NetworkPolicyPeer>> peers() {
        return peer().list().ofMaxSize(2).injectNull(0.3);
    }

    private Arbitrary<List<NetworkPolicyPort>> ports() {
        return port().list().ofMaxSize(2).injectNull(0.4);
    }

    private Arbitrary<NetworkPolicySpec> v1Spec() {
        Arbitrary<List<NetworkPolicyIngressRule>> ingress = Combinators.combine(ports(), peers())
                .as(NetworkPolicyIngressRule::new)
                .list()
                .ofMaxSize(2)
                .injectNull(0.2);
        Arbitrary<List<NetworkPolicyEgressRule>> egress = Combinators.combine(ports(), peers())
                .as(NetworkPolicyEgressRule::new)
                .list()
                .ofMaxSize(2)
                .injectNull(0.4);
        Arbitrary<List<String>> types = Arbitraries.of(
                        List.of("Ingress"), List.of("Egress"), List.of("Ingress", "Egress"))
                .injectNull(0.4);
        return Combinators.combine(selector(), ingress, egress, types).as(NetworkPolicySpec::new);
    }

    private Arbitrary<AlphaNetworkPolicySpec> alphaSpec() {
        Arbitrary<AlphaPeer> peer = Arbitraries.oneOf(
                Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.of(VALUES))
                        .ofMaxSize(1)
                        .map(m -> new AlphaPeer(m, null)),
                Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.of(VALUES))
                        .ofMaxSize(1)
                        .map(m -> new AlphaPeer(null, m)));
        Arbitrary<AlphaPort> port = Combinators.combine(
                        Arbitraries.of(IntOrString.of(80), IntOrString.of(53), IntOrString.of("http")),
                        Arbitraries.of("TCP", "UDP").injectNull(0.5))
                .as(AlphaPort::new);
        Arbitrary<AllowIncoming> allow = Combinators.combine(
                        peer.list().ofMaxSize(2).injectNull(0.3),
                        port.list().ofMinSize(1).ofMaxSize(2).injectNull(0.4))
                .as(AllowIncoming::new);
        return Combinators.combine(
                        Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.of(VALUES))
                                .ofMaxSize(1),
                        allow.injectNull(0.1))
                .as(AlphaNetworkPolicySpec::new);
    }

    private Arbitrary<Op> policyOps() {
        Arbitrary<String> ns = Arbitraries.of(NAMESPACES);
        Arbitrary<String> name = Arbitraries.of("p1", "p2", "p3");
        Arbitrary<Op> v1 = Combinators.combine(ns, name, v1Spec()).as(SetPolicy::new);
        Arbitrary<Op> alpha =
                Combinators.combine(ns, Arbitraries.of("old"), alphaSpec()).as(SetAlphaPolicy::new);
        Arbitrary<Op> remove = Combinators.combine(ns, Arbitraries.of("p1", "p2", "p3", "old"))
                .as((n, p) -> new RemovePolicy(p.equals("old") ? PolicyRef.v1alpha1(n, p) : PolicyRef.v1(n, p)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, v1), net.jqwik.api.Tuple.of(2, alpha), net.jqwik.api.Tuple.of(1, remove));
    }
}
