package io.policyledger.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.selector.LabelSelector;
import io.policyledger.core.selector.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes e2e network policy scenarios: namespaces x, y, z labelled ns=&lt;name&gt;; pods a, b, c in
 * each labelled pod=&lt;name&gt;, serving 80 and 81 over TCP, UDP and SCTP (container ports named
 * serve-80-tcp, ...). Each scenario asserts the whole 9x9 table for the port and protocol it is about,
 * from the engine and from the naive evaluator, and both must equal the table Kubernetes would give.
 */
class KubernetesScenariosTest {

    private World world;

    @BeforeEach
    void cluster() {
        world = ScenarioCluster.create();
    }

    private void pod(String ns, String name, Map<String, String> labels, String ip) {
        ScenarioCluster.pod(world, ns, name, labels, ip);
    }

    private void check(Reachability expected, Protocol protocol, int port) {
        ConnectivityEvaluator engine = world.evaluator();
        NaiveEvaluator naive = world.naive();
        assertThat(expected.differences((f, t) ->
                        engine.check(World.pod(f), World.pod(t), protocol, port).allowed()))
                .as("engine, %s %d", protocol, port)
                .isEmpty();
        assertThat(expected.differences((f, t) -> naive.allowed(World.pod(f), World.pod(t), protocol, port)))
                .as("naive evaluator, %s %d", protocol, port)
                .isEmpty();
    }

    private static LabelSelector labels(String... kv) {
        return new LabelSelector(Map.of(kv[0], kv[1]), null);
    }

    private static NetworkPolicyPort port(String protocol, Integer port) {
        return new NetworkPolicyPort(protocol, port == null ? null : IntOrString.of(port), null);
    }

    private static NetworkPolicyIngressRule from(List<NetworkPolicyPeer> peers, NetworkPolicyPort... ports) {
        return new NetworkPolicyIngressRule(ports.length == 0 ? null : List.of(ports), peers);
    }

    private static NetworkPolicySpec ingress(LabelSelector pods, NetworkPolicyIngressRule... rules) {
        return new NetworkPolicySpec(pods, List.of(rules), null, List.of("Ingress"));
    }

    private static NetworkPolicyPeer pods(LabelSelector selector) {
        return new NetworkPolicyPeer(selector, null, null);
    }

    private static NetworkPolicyPeer namespaces(LabelSelector selector) {
        return new NetworkPolicyPeer(null, selector, null);
    }

    @Test
    void withoutPoliciesEverythingConnects() {
        check(new Reachability(true), Protocol.TCP, 80);
        check(new Reachability(true), Protocol.SCTP, 81);
    }

    @Test
    void defaultDenyIngressIsolatesEveryPodOfTheNamespace() {
        world.policy("x", "deny-all", new NetworkPolicySpec(LabelSelector.EVERYTHING, List.of(), null, null));
        Reachability expected = new Reachability(true).expectWhere((f, t) -> t.startsWith("x/"), false);
        check(expected, Protocol.TCP, 80);
        check(expected, Protocol.UDP, 81);
    }

    @Test
    void defaultDenyEgressStopsEveryPodOfTheNamespaceSending() {
        world.policy(
                "x", "deny-egress", new NetworkPolicySpec(LabelSelector.EVERYTHING, null, null, List.of("Egress")));
        check(new Reachability(true).expectWhere((f, t) -> f.startsWith("x/"), false), Protocol.TCP, 80);
    }

    @Test
    void aPodSelectorAloneAdmitsPodsOfTheSameNamespaceOnly() {
        world.policy("x", "allow-b", ingress(labels("pod", "a"), from(List.of(pods(labels("pod", "b"))))));
        check(new Reachability(true).expectIngress("x/a", false).expect("x/b", "x/a", true), Protocol.TCP, 80);
    }

    @Test
    void aNamespaceSelectorAdmitsAllPodsOfMatchingNamespaces() {
        world.policy("x", "from-y", ingress(labels("pod", "a"), from(List.of(namespaces(labels("ns", "y"))))));
        check(
                new Reachability(true)
                        .expectIngress("x/a", false)
                        .expectWhere((f, t) -> t.equals("x/a") && f.startsWith("y/"), true),
                Protocol.TCP,
                80);
    }

    @Test
    void anEmptyNamespaceSelectorAdmitsEveryNamespace() {
        world.policy(
                "x",
                "from-all-ns",
                ingress(
                        labels("pod", "a"),
                        from(List.of(new NetworkPolicyPeer(labels("pod", "b"), LabelSelector.EVERYTHING, null)))));
        check(
                new Reachability(true)
                        .expectIngress("x/a", false)
                        .expectWhere((f, t) -> t.equals("x/a") && f.endsWith("/b"), true),
                Protocol.TCP,
                80);
    }

    @Test
    void podAndNamespaceSelectorInOnePeerAreAndedButSeparatePeersAreOred() {
        world.policy(
                "x",
                "and",
                ingress(
                        labels("pod", "a"),
                        from(List.of(new NetworkPolicyPeer(labels("pod", "b"), labels("ns", "y"), null)))));
        world.policy(
                "x",
                "or",
                ingress(labels("pod", "c"), from(List.of(pods(labels("pod", "b")), namespaces(labels("ns", "y"))))));
        check(
                new Reachability(true)
                        .expectIngress("x/a", false)
                        .expect("y/b", "x/a", true)
                        .expectIngress("x/c", false)
                        .expect("x/b", "x/c", true)
                        .expectWhere((f, t) -> t.equals("x/c") && f.startsWith("y/"), true),
                Protocol.TCP,
                80);
    }

    @Test
    void notInAndDoesNotExistMatchPodsWithoutTheKey() {
        world.pod(
                "y",
                "b",
                Map.of("pod", "b", "tier", "db"),
                world.pods.get(new PodRef("y", "b")).spec(),
                world.pods.get(new PodRef("y", "b")).status());
        LabelSelector notDb =
                new LabelSelector(null, List.of(new LabelSelectorRequirement("tier", "NotIn", List.of("db"))));
        LabelSelector noTier =
                new LabelSelector(null, List.of(new LabelSelectorRequirement("tier", "DoesNotExist", null)));
        world.policy(
                "x",
                "not-db",
                ingress(
                        labels("pod", "a"),
                        from(List.of(new NetworkPolicyPeer(notDb, LabelSelector.EVERYTHING, null)))));
        world.policy(
                "x",
                "no-tier",
                ingress(
                        labels("pod", "b"),
                        from(List.of(new NetworkPolicyPeer(noTier, LabelSelector.EVERYTHING, null)))));
        check(new Reachability(true).expect("y/b", "x/a", false).expect("y/b", "x/b", false), Protocol.TCP, 80);
    }

    @Test
    void inAndExistsRequireTheKey() {
        LabelSelector inAB =
                new LabelSelector(null, List.of(new LabelSelectorRequirement("pod", "In", List.of("a", "b"))));
        LabelSelector hasTier = new LabelSelector(null, List.of(new LabelSelectorRequirement("tier", "Exists", null)));
        world.policy("x", "in", ingress(labels("pod", "a"), from(List.of(pods(inAB)))));
        world.policy("x", "exists", ingress(labels("pod", "b"), from(List.of(pods(hasTier)))));
        check(
                new Reachability(true)
                        .expectIngress("x/a", false)
                        .expect("x/a", "x/a", true)
                        .expect("x/b", "x/a", true)
                        .expectIngress("x/b", false),
                Protocol.TCP,
                80);
    }

    @Test
    void anEmptyRuleAdmitsEverythingAndAnEmptyRuleListNothing() {
        world.policy("x", "allow-all", ingress(labels("pod", "a"), new NetworkPolicyIngressRule(null, null)));
        world.policy("x", "deny-b", ingress(labels("pod", "b")));
        check(new Reachability(true).expectIngress("x/b", false), Protocol.TCP, 80);
    }

    @Test
    void portsRestrictTheRuleAndAProtocolOnlyEntryAdmitsAllItsPorts() {
        world.policy("x", "tcp-80", ingress(labels("pod", "a"), from(null, port("TCP", 80))));
        world.policy("x", "all-udp", ingress(labels("pod", "b"), from(null, port("UDP", null))));
        Reachability tcp80 = new Reachability(true).expectIngress("x/b", false);
        check(tcp80, Protocol.TCP, 80);
        check(new Reachability(true).expectIngress("x/a", false).expectIngress("x/b", false), Protocol.TCP, 81);
        check(new Reachability(true).expectIngress("x/a", false), Protocol.UDP, 81);
        check(new Reachability(true).expectIngress("x/a", false), Protocol.UDP, 80);
    }

    @Test
    void aNamedPortIsResolvedOnTheDestinationWithItsProtocol() {
        world.policy(
                "x",
                "named",
                ingress(
                        labels("pod", "a"),
                        from(null, new NetworkPolicyPort("TCP", IntOrString.of("serve-81-tcp"), null))));
        world.policy(
                "x",
                "named-wrong-protocol",
                ingress(
                        labels("pod", "b"),
                        from(null, new NetworkPolicyPort("UDP", IntOrString.of("serve-81-tcp"), null))));
        check(new Reachability(true).expectIngress("x/a", false).expectIngress("x/b", false), Protocol.TCP, 80);
        check(new Reachability(true).expectIngress("x/b", false), Protocol.TCP, 81);
        check(new Reachability(true).expectIngress("x/a", false).expectIngress("x/b", false), Protocol.UDP, 81);
    }

    @Test
    void anEgressNamedPortIsResolvedOnEachDestination() {
        world.pod(
                "y",
                "c",
                Map.of("pod", "c"),
                new PodSpec(
                        "n2",
                        List.of(new Container(
                                "cont", "agnhost", List.of(new ContainerPort("serve-80-tcp", 81, "TCP"))))),
                world.pods.get(new PodRef("y", "c")).status());
        world.policy(
                "x",
                "egress-named",
                new NetworkPolicySpec(
                        labels("pod", "a"),
                        null,
                        List.of(new NetworkPolicyEgressRule(
                                List.of(new NetworkPolicyPort("TCP", IntOrString.of("serve-80-tcp"), null)), null)),
                        List.of("Egress")));
        check(new Reachability(true).expectEgress("x/a", true).expect("x/a", "y/c", false), Protocol.TCP, 80);
        check(new Reachability(true).expectEgress("x/a", false).expect("x/a", "y/c", true), Protocol.TCP, 81);
    }

    @Test
    void endPortAdmitsARange() {
        world.policy(
                "x",
                "range",
                ingress(labels("pod", "a"), from(null, new NetworkPolicyPort("TCP", IntOrString.of(80), 81))));
        check(new Reachability(true), Protocol.TCP, 81);
        check(new Reachability(true).expectIngress("x/a", false), Protocol.UDP, 80);
    }

    @Test
    void anSctpOnlyPolicyIsolatesAndNeverAdmitsTcp() {
        world.policy("x", "sctp", ingress(labels("pod", "a"), from(null, port("SCTP", 80))));
        check(new Reachability(true), Protocol.SCTP, 80);
        check(new Reachability(true).expectIngress("x/a", false), Protocol.TCP, 80);
    }

    @Test
    void ipBlocksMatchPodAddressesWithExceptions() {
        world.policy(
                "x",
                "from-y-block",
                ingress(
                        labels("pod", "a"),
                        from(List.of(new NetworkPolicyPeer(
                                null, null, new IPBlock("10.0.2.0/24", List.of("10.0.2.2/32")))))));
        check(
                new Reachability(true)
                        .expectIngress("x/a", false)
                        .expect("y/a", "x/a", true)
                        .expect("y/c", "x/a", true),
                Protocol.TCP,
                80);
        ConnectivityEvaluator engine = world.evaluator();
        assertThat(engine.check(World.address("10.0.2.77"), World.pod("x/a"), Protocol.TCP, 80)
                        .allowed())
                .isTrue();
        assertThat(engine.check(World.address("192.168.1.1"), World.pod("x/a"), Protocol.TCP, 80)
                        .allowed())
                .isFalse();
        assertThat(world.naive().allowed(World.address("10.0.2.77"), World.pod("x/a"), Protocol.TCP, 80))
                .isTrue();
    }

    @Test
    void aConnectionNeedsBothTheSourcesEgressAndTheDestinationsIngress() {
        world.policy(
                "x",
                "a-egress-to-b",
                new NetworkPolicySpec(
                        labels("pod", "a"),
                        null,
                        List.of(new NetworkPolicyEgressRule(null, List.of(pods(labels("pod", "b"))))),
                        null));
        world.policy("x", "b-ingress-from-c", ingress(labels("pod", "b"), from(List.of(pods(labels("pod", "c"))))));
        // policyTypes omitted with egress rules defaults to [Ingress, Egress]: x/a is isolated both ways.
        check(
                new Reachability(true)
                        .expectEgress("x/a", false)
                        .expectIngress("x/a", false)
                        .expect("x/a", "x/b", false)
                        .expectIngress("x/b", false)
                        .expect("x/c", "x/b", true),
                Protocol.TCP,
                80);
    }

    @Test
    void aReplacedPolicyIsTheNewOneNeverAUnionWithTheOld() {
        world.policy("x", "p", ingress(labels("pod", "a"), from(List.of(pods(labels("pod", "b"))))));
        check(new Reachability(true).expectIngress("x/a", false).expect("x/b", "x/a", true), Protocol.TCP, 80);
        world.policy("x", "p", ingress(labels("pod", "a"), from(List.of(pods(labels("pod", "c"))))));
        check(new Reachability(true).expectIngress("x/a", false).expect("x/c", "x/a", true), Protocol.TCP, 80);
    }

    @Test
    void deletingPoliciesRestoresConnectivity() {
        world.policy("x", "deny", new NetworkPolicySpec(LabelSelector.EVERYTHING, List.of(), null, null));
        world.policy(
                "x", "deny-egress", new NetworkPolicySpec(LabelSelector.EVERYTHING, null, null, List.of("Egress")));
        check(
                new Reachability(true).expectWhere((f, t) -> f.startsWith("x/") || t.startsWith("x/"), false),
                Protocol.TCP,
                80);
        world.removePolicy(PolicyRef.v1("x", "deny"));
        world.removePolicy(PolicyRef.v1("x", "deny-egress"));
        check(new Reachability(true), Protocol.TCP, 80);
    }

    @Test
    void labelChangesBetweenProbesMoveConnectivityWithThem() {
        world.policy(
                "x",
                "from-team",
                ingress(
                        labels("pod", "a"),
                        from(List.of(new NetworkPolicyPeer(labels("team", "blue"), labels("ns", "y"), null)))));
        check(new Reachability(true).expectIngress("x/a", false), Protocol.TCP, 80);
        world.pod(
                "y",
                "b",
                Map.of("pod", "b", "team", "blue"),
                world.pods.get(new PodRef("y", "b")).spec(),
                world.pods.get(new PodRef("y", "b")).status());
        check(new Reachability(true).expectIngress("x/a", false).expect("y/b", "x/a", true), Protocol.TCP, 80);
        world.namespace("y", Map.of("ns", "not-y"), Map.of());
        check(new Reachability(true).expectIngress("x/a", false), Protocol.TCP, 80);
        world.namespace("z", Map.of("ns", "y"), Map.of());
        world.pod(
                "z",
                "c",
                Map.of("pod", "c", "team", "blue"),
                world.pods.get(new PodRef("z", "c")).spec(),
                world.pods.get(new PodRef("z", "c")).status());
        check(new Reachability(true).expectIngress("x/a", false).expect("z/c", "x/a", true), Protocol.TCP, 80);
    }

    @Test
    void aNodeAlwaysReachesItsOwnPods() {
        world.policy("x", "deny", new NetworkPolicySpec(LabelSelector.EVERYTHING, List.of(), null, null));
        ConnectivityEvaluator engine = world.evaluator();
        assertThat(engine.check(new Endpoint.Node("n1"), World.pod("x/a"), Protocol.TCP, 80)
                        .allowed())
                .isTrue();
        assertThat(engine.check(new Endpoint.Node("n2"), World.pod("x/a"), Protocol.TCP, 80)
                        .allowed())
                .isFalse();
        assertThat(world.naive().allowed(new Endpoint.Node("n1"), World.pod("x/a"), Protocol.TCP, 80))
                .isTrue();
    }

    @Test
    void anEgressOnlyPolicyLeavesIngressOpenAndIgnoresItsIngressRules() {
        world.policy(
                "x",
                "egress-only",
                new NetworkPolicySpec(
                        labels("pod", "a"),
                        List.of(),
                        List.of(new NetworkPolicyEgressRule(null, null)),
                        List.of("Egress")));
        check(new Reachability(true), Protocol.TCP, 80);
    }

    @Test
    void policiesAreAdditive() {
        world.policy("x", "from-b", ingress(labels("pod", "a"), from(List.of(pods(labels("pod", "b"))))));
        world.policy("x", "from-y", ingress(labels("pod", "a"), from(List.of(namespaces(labels("ns", "y"))))));
        check(
                new Reachability(true)
                        .expectIngress("x/a", false)
                        .expect("x/b", "x/a", true)
                        .expectWhere((f, t) -> t.equals("x/a") && f.startsWith("y/"), true),
                Protocol.TCP,
                80);
    }

    @Test
    void theSeedsIsolationAnnotationIsolatesTheNamespaceUntilAPolicyLetsTrafficIn() {
        world.namespace("x", Map.of("ns", "x"), Map.of("net.alpha.kubernetes.io/network-isolation", "on"));
        world.namespace(
                "y",
                Map.of("ns", "y"),
                Map.of("net.beta.kubernetes.io/network-policy", "{\"ingress\": {\"isolation\": \"DefaultDeny\"}}"));
        world.namespace("z", Map.of("ns", "z"), Map.of("net.alpha.kubernetes.io/network-isolation", "off"));
        check(
                new Reachability(true).expectWhere((f, t) -> t.startsWith("x/") || t.startsWith("y/"), false),
                Protocol.TCP,
                80);

        world.policy("x", "v1-from-b", ingress(labels("pod", "a"), from(List.of(pods(labels("pod", "b"))))));
        check(
                new Reachability(true)
                        .expectWhere((f, t) -> t.startsWith("x/") || t.startsWith("y/"), false)
                        .expect("x/b", "x/a", true),
                Protocol.TCP,
                80);
    }

    @Test
    void theSeedsV1alpha1PolicyLetsTrafficIntoAnIsolatedNamespaceAndIsolatesNothingItself() {
        world.alphaPolicy(
                "z",
                "alpha-open",
                new AlphaNetworkPolicySpec(
                        Map.of("pod", "a"), new AllowIncoming(List.of(new AlphaPeer(Map.of("pod", "b"), null)), null)));
        check(new Reachability(true), Protocol.TCP, 80);

        world.namespace("x", Map.of("ns", "x"), Map.of("net.alpha.kubernetes.io/network-isolation", "on"));
        world.alphaPolicy(
                "x",
                "alpha-a",
                new AlphaNetworkPolicySpec(
                        Map.of("pod", "a"),
                        new AllowIncoming(
                                List.of(
                                        new AlphaPeer(Map.of("pod", "b"), null),
                                        new AlphaPeer(null, Map.of("ns", "y"))),
                                List.of(new AlphaPort(IntOrString.of(80), null)))));
        world.alphaPolicy(
                "x", "alpha-all-to-c", new AlphaNetworkPolicySpec(Map.of("pod", "c"), new AllowIncoming(null, null)));
        Reachability tcp80 = new Reachability(true)
                .expectWhere((f, t) -> t.startsWith("x/"), false)
                .expect("x/b", "x/a", true)
                .expectWhere((f, t) -> t.equals("x/a") && f.startsWith("y/"), true)
                .expectIngress("x/c", true);
        check(tcp80, Protocol.TCP, 80);
        check(
                new Reachability(true)
                        .expectWhere((f, t) -> t.startsWith("x/"), false)
                        .expectIngress("x/c", true),
                Protocol.TCP,
                81);
    }

    @Test
    void aDenialSaysWhoIsolatesAndThatNothingAdmits() {
        world.policy("x", "p", ingress(labels("pod", "a"), from(List.of(pods(labels("pod", "b"))))));
        world.policy("x", "q", ingress(labels("pod", "a"), from(null, port("UDP", 53))));
        Verdict verdict = world.evaluator().check(World.pod("x/c"), World.pod("x/a"), Protocol.TCP, 80);

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.ingress().isolation().byPolicies())
                .containsExactly(PolicyRef.v1("x", "p"), PolicyRef.v1("x", "q"));
        assertThat(verdict.ingress().reason())
                .isEqualTo("pod x/a is isolated for ingress by policies [x/p, x/q]; none admits pod x/c on TCP 80");
        Verdict allowed = world.evaluator().check(World.pod("x/b"), World.pod("x/a"), Protocol.TCP, 80);
        assertThat(allowed.ingress().allowedBy()).containsExactly(PolicyRef.v1("x", "p"));
    }
}
