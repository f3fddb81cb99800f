package io.policyledger.query.effective;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyCreated;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyDeleted;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyIngressPeer;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyIngressRule;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyProtocol;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySpec;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySubject;
import io.policyledger.core.clusternetworkpolicy.NamespacedPod;
import io.policyledger.core.clusternetworkpolicy.Port;
import io.policyledger.core.clusternetworkpolicy.ProtocolPort;
import io.policyledger.core.engine.EnginePod;
import io.policyledger.core.engine.PodRef;
import io.policyledger.core.engine.PodRuleSet;
import io.policyledger.core.engine.PolicyEngine;
import io.policyledger.core.namespace.NamespaceCreated;
import io.policyledger.core.namespace.NamespaceDeleted;
import io.policyledger.core.namespace.NamespaceMetadataChanged;
import io.policyledger.core.networkpolicy.IPBlock;
import io.policyledger.core.networkpolicy.IntOrString;
import io.policyledger.core.networkpolicy.NetworkPolicyCreated;
import io.policyledger.core.networkpolicy.NetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.NetworkPolicyEgressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyIngressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyPeer;
import io.policyledger.core.networkpolicy.NetworkPolicyPort;
import io.policyledger.core.networkpolicy.NetworkPolicyReplaced;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.pod.Container;
import io.policyledger.core.pod.ContainerPort;
import io.policyledger.core.pod.PodCreated;
import io.policyledger.core.pod.PodDeleted;
import io.policyledger.core.pod.PodIP;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import io.policyledger.core.pod.PodUpdated;
import io.policyledger.core.selector.LabelSelector;
import io.policyledger.query.ProcessorBatch;
import io.policyledger.query.effective.EffectiveRulesReader.Member;
import io.policyledger.query.effective.EffectiveRulesReader.PodRules;
import io.policyledger.query.position.ProjectionPositions;
import io.policyledger.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The effective-rules projection on a real PostgreSQL, without the application: random histories of
 * namespaces, pods, NetworkPolicies and ClusterNetworkPolicies handed to it in batches of random size, by
 * two instances taking turns (as when the processor's claim moves) and with some batches rolled back and
 * delivered again (as after a failed commit). What its tables then say must be what one engine that saw
 * every event once computes: each pod's rule set, who is in each peer set it uses and with which
 * addresses, and no rows of pods that are gone; and an engine loaded from its stored inputs must agree.
 */
class EffectiveRulesProjectionTest {

    private static final List<String> NAMESPACES = List.of("a", "b", "c");
    private static final List<String> PODS = List.of("p", "q", "r", "s");
    private static final List<String> POLICIES = List.of("np1", "np2");
    private static final List<String> APPS = List.of("web", "db", "api");

    private static PGSimpleDataSource database;

    @BeforeAll
    static void database() {
        database = TestDatabase.createDatabase().migrated().dataSource();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void theTablesSayWhatOneEngineThatSawEveryEventComputes(long seed) {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(database);
        EffectiveRulesProjection first = EffectiveRulesProjection.writingTo(jdbc);
        first.reset();
        EffectiveRulesProjection second = EffectiveRulesProjection.writingTo(jdbc);
        Random random = new Random(seed);
        List<Object> events = new History(random).events(400);

        EffectiveRulesReader reader =
                new EffectiveRulesReader(jdbc, new EffectiveInputs(jdbc), new ProjectionPositions(jdbc), transactions);
        PolicyEngine oracle = new PolicyEngine();
        int next = 0;
        int rolledBack = 0;
        while (next < events.size()) {
            // A batch delivered again after a rollback may be cut elsewhere: the size is drawn anew.
            int size = 1 + random.nextInt(random.nextBoolean() ? 3 : 40);
            List<Object> batch = events.subList(next, Math.min(events.size(), next + size));
            EffectiveRulesProjection instance = random.nextInt(3) == 0 ? second : first;
            boolean commit = random.nextInt(8) != 0;
            handle(instance, batch, next + 1, commit, transactions);
            if (commit) {
                next += batch.size();
                batch.forEach(e -> EngineInput.of(e).ifPresent(input -> input.applyTo(oracle)));
                oracle.flush();
                assertTablesSay(oracle, reader, "after event " + next + " (seed " + seed + ")");
                assertThat(new ProjectionPositions(jdbc).current(EffectiveRulesProjection.NAME))
                        .isEqualTo(next);
            } else {
                rolledBack++;
            }
        }
        assertThat(new EffectiveInputs(jdbc).load().ruleSets()).isEqualTo(oracle.ruleSets());
        assertThat(rolledBack)
                .as("some batches were rolled back and delivered again")
                .isPositive();
    }

    private static void assertTablesSay(PolicyEngine oracle, EffectiveRulesReader reader, String when) {
        Set<PodRef> stored = new TreeSet<>(Comparator.comparing(PodRef::toString));
        for (String namespace : NAMESPACES) {
            for (PodRules rules : reader.ofNamespace(namespace)) {
                stored.add(rules.pod());
                PodRuleSet expected = oracle.ruleSet(rules.pod());
                assertThat(rules.rules())
                        .as("rules of %s %s", rules.pod(), when)
                        .isEqualTo(expected);
                assertThat(rules.addresses()).isEqualTo(addresses(oracle.pod(rules.pod())));
                assertThat(rules.node()).isEqualTo(oracle.pod(rules.pod()).node());
                for (String id : expected.peerSetIds()) {
                    assertThat(members(rules.peerSets().getOrDefault(id, List.of())))
                            .as("members of %s for %s %s", id, rules.pod(), when)
                            .isEqualTo(members(oracle.peerSet(id).members()));
                }
            }
        }
        Set<PodRef> expectedPods = new TreeSet<>(Comparator.comparing(PodRef::toString));
        expectedPods.addAll(oracle.ruleSets().keySet());
        assertThat(stored).as("pods with rules %s", when).isEqualTo(expectedPods);
    }

    /** One batch, in one transaction and one unit of work, as an Axon processor hands it over. */
    private static void handle(
            EffectiveRulesProjection projection,
            List<Object> batch,
            long firstPosition,
            boolean commit,
            DataSourceTransactionManager transactions) {
        ProcessorBatch.run(GenericEventMessage.asEventMessage(batch.get(0)), transactions, commit, () -> {
            long position = firstPosition;
            for (Object event : batch) {
                projection.on(event, new GlobalSequenceTrackingToken(position++));
            }
        });
    }

    private static List<String> addresses(EnginePod pod) {
        return pod.ips().stream().map(Object::toString).toList();
    }

    private static Set<String> members(List<?> members) {
        Set<String> out = new HashSet<>();
        for (Object m : members) {
            if (m instanceof Member member) {
                out.add(member.pod() + " " + member.addresses());
            } else {
                EnginePod pod = (EnginePod) m;
                out.add(pod.ref() + " " + addresses(pod));
            }
        }
        return out;
    }

    /** A history a real log could hold: objects are created before they change, and deleted at most once. */
    private static final class History {
        private final Random random;
        private final Map<String, String> namespaces = new HashMap<>();
        private final Map<String, String> pods = new HashMap<>();
        private final Map<String, Long> podGenerations = new HashMap<>();
        private final Map<String, String> policies = new HashMap<>();
        private final Map<String, String> clusterPolicies = new HashMap<>();
        private int serial;

        History(Random random) {
            this.random = random;
        }

        List<Object> events(int count) {
            List<Object> out = new ArrayList<>();
            while (out.size() < count) {
                out.add(next());
            }
            return out;
        }

        private Object next() {
            serial++;
            String ns = pick(NAMESPACES);
            if (!namespaces.containsKey(ns)) {
                namespaces.put(ns, "ns-" + serial);
                return new NamespaceCreated(ns, namespaces.get(ns), "tenant-" + ns, nsLabels(), Map.of(), at());
            }
            int dice = random.nextInt(20);
            if (dice == 0) {
                boolean empty = pods.keySet().stream().noneMatch(k -> k.startsWith(ns + "/"))
                        && policies.keySet().stream().noneMatch(k -> k.startsWith(ns + "/"));
                if (empty) {
                    return new NamespaceDeleted(ns, namespaces.remove(ns));
                }
            }
            if (dice <= 2) {
                return new NamespaceMetadataChanged(ns, namespaces.get(ns), nsLabels(), Map.of());
            }
            if (dice == 3) {
                String name = "cnp-" + random.nextInt(2);
                if (clusterPolicies.containsKey(name)) {
                    return new ClusterNetworkPolicyDeleted(name, clusterPolicies.remove(name));
                }
                clusterPolicies.put(name, "cnp-" + serial);
                return new ClusterNetworkPolicyCreated(
                        name, clusterPolicies.get(name), Map.of(), Map.of(), clusterSpec(), at());
            }
            if (dice <= 9) {
                String key = ns + "/" + pick(POLICIES);
                String name = key.substring(key.indexOf('/') + 1);
                if (!policies.containsKey(key)) {
                    policies.put(key, "np-" + serial);
                    return new NetworkPolicyCreated(ns, name, policies.get(key), Map.of(), Map.of(), spec(), at());
                }
                if (random.nextInt(3) == 0) {
                    return new NetworkPolicyDeleted(ns, name, policies.remove(key));
                }
                return new NetworkPolicyReplaced(ns, name, policies.get(key), Map.of(), Map.of(), spec(), serial);
            }
            String key = ns + "/" + pick(PODS);
            String name = key.substring(key.indexOf('/') + 1);
            if (!pods.containsKey(key)) {
                pods.put(key, "pod-" + serial);
                podGenerations.put(key, 1L);
                return new PodCreated(ns, name, pods.get(key), podLabels(), Map.of(), podSpec(), podStatus(), at());
            }
            if (random.nextInt(4) == 0) {
                return new PodDeleted(ns, name, pods.remove(key));
            }
            return new PodUpdated(
                    ns,
                    name,
                    pods.get(key),
                    podLabels(),
                    Map.of(),
                    podSpec(),
                    podStatus(),
                    podGenerations.merge(key, 1L, Long::sum));
        }

        private NetworkPolicySpec spec() {
            List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                ingress.add(new NetworkPolicyIngressRule(ports(), peers()));
            }
            List<NetworkPolicyEgressRule> egress = new ArrayList<>();
            for (int i = random.nextInt(2); i > 0; i--) {
                egress.add(new NetworkPolicyEgressRule(ports(), peers()));
            }
            List<String> types = random.nextBoolean() ? List.of("Ingress") : List.of("Ingress", "Egress");
            return new NetworkPolicySpec(selector("app", APPS), ingress, egress, types);
        }

        private List<NetworkPolicyPeer> peers() {
            List<NetworkPolicyPeer> out = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                out.add(
                        switch (random.nextInt(4)) {
                            case 0 -> new NetworkPolicyPeer(selector("app", APPS), null, null);
                            case 1 -> new NetworkPolicyPeer(null, selector("team", List.of("x", "y")), null);
                            case 2 ->
                                new NetworkPolicyPeer(selector("app", APPS), selector("team", List.of("x", "y")), null);
                            default ->
                                new NetworkPolicyPeer(
                                        null,
                                        null,
                                        new IPBlock(
                                                "10.0.0.0/16",
                                                random.nextBoolean() ? List.of() : List.of("10.0.1.0/24")));
                        });
            }
            return out;
        }

        private List<NetworkPolicyPort> ports() {
            return switch (random.nextInt(3)) {
                case 0 -> List.of();
                case 1 -> List.of(new NetworkPolicyPort("TCP", IntOrString.of(80), random.nextBoolean() ? null : 90));
                default -> List.of(new NetworkPolicyPort("TCP", IntOrString.of("http"), null));
            };
        }

        private ClusterNetworkPolicySpec clusterSpec() {
            ClusterNetworkPolicySubject subject = new ClusterNetworkPolicySubject(
                    null, new NamespacedPod(selector("team", List.of("x", "y")), selector("app", APPS)));
            ClusterNetworkPolicyIngressRule rule = new ClusterNetworkPolicyIngressRule(
                    random.nextBoolean() ? "r" : null,
                    pick(List.of("Accept", "Deny", "Pass")),
                    List.of(new ClusterNetworkPolicyIngressPeer(selector("team", List.of("x", "y")), null)),
                    random.nextBoolean()
                            ? null
                            : List.of(new ClusterNetworkPolicyProtocol(
                                    new ProtocolPort(new Port(5432, null)), null, null, null)));
            return new ClusterNetworkPolicySpec(
                    random.nextBoolean() ? "Admin" : "Baseline", random.nextInt(20), subject, List.of(rule), null);
        }

        private LabelSelector selector(String key, List<String> values) {
            return random.nextInt(4) == 0
                    ? LabelSelector.EVERYTHING
                    : new LabelSelector(Map.of(key, pick(values)), null);
        }

        private Map<String, String> nsLabels() {
            return random.nextBoolean() ? Map.of("team", pick(List.of("x", "y"))) : Map.of();
        }

        private Map<String, String> podLabels() {
            return random.nextInt(5) == 0 ? Map.of() : Map.of("app", pick(APPS));
        }

        private PodSpec podSpec() {
            return new PodSpec(
                    random.nextInt(5) == 0 ? null : "node-" + random.nextInt(3),
                    List.of(new Container(
                            "main",
                            "app:1",
                            List.of(new ContainerPort("http", random.nextBoolean() ? 80 : 8080, "TCP")))));
        }

        /** A fresh address each time: the command side never lets two pods hold one. */
        private PodStatus podStatus() {
            if (random.nextInt(5) == 0) {
                return PodStatus.NONE;
            }
            String ip = "10.0." + (serial / 250) + "." + (1 + serial % 250);
            return new PodStatus(ip, List.of(new PodIP(ip)));
        }

        private Instant at() {
            return Instant.ofEpochSecond(1_800_000_000L + serial);
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }
}
