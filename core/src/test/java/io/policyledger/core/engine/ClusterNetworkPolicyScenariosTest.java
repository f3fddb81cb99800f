package io.policyledger.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySpec;
import io.policyledger.core.networkpolicy.NetworkPolicyIngressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyPeer;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.selector.LabelSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tiers of network-policy-api v0.2.0, as 9x9 tables in the manner of its conformance suite: Admin
 * before NetworkPolicies, Baseline after them, priorities, rule order, Accept, Deny and Pass, ports,
 * named ports, networks. Asked of the naive evaluator, written from the upstream API's documentation,
 * and of the engine (which must agree with it cell by cell).
 */
class ClusterNetworkPolicyScenariosTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private World world;

    @BeforeEach
    void cluster() {
        world = ScenarioCluster.create();
    }

    private void cnp(String name, String json) {
        try {
            world.clusterPolicy(name, JSON.readValue(json.replace('\'', '"'), ClusterNetworkPolicySpec.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void check(Reachability expected, Protocol protocol, int port) {
        NaiveEvaluator naive = world.naive();
        assertThat(expected.differences((f, t) -> naive.allowed(World.pod(f), World.pod(t), protocol, port)))
                .as("naive evaluator, %s %d", protocol, port)
                .isEmpty();
        ConnectivityEvaluator engine = world.evaluator();
        assertThat(expected.differences((f, t) ->
                        engine.check(World.pod(f), World.pod(t), protocol, port).allowed()))
                .as("engine, %s %d", protocol, port)
                .isEmpty();
    }

    private static NetworkPolicySpec allowIngressFrom(LabelSelector namespaces) {
        return new NetworkPolicySpec(
                LabelSelector.EVERYTHING,
                List.of(new NetworkPolicyIngressRule(null, List.of(new NetworkPolicyPeer(null, namespaces, null)))),
                null,
                List.of("Ingress"));
    }

    @Test
    void anAdminDenyCannotBeOpenedByANetworkPolicy() {
        cnp(
                "deny-to-x",
                "{'tier':'Admin','priority':10,'subject':{'namespaces':{'matchLabels':{'ns':'x'}}},"
                        + "'ingress':[{'action':'Deny','from':[{'namespaces':{}}],'protocols':[{'tcp':{'destinationPort':{'number':80}}}]}]}");
        world.policy("x", "allow-all", allowIngressFrom(LabelSelector.EVERYTHING));

        check(new Reachability(true).expectWhere((f, t) -> t.startsWith("x/"), false), Protocol.TCP, 80);
        check(new Reachability(true), Protocol.TCP, 81);
        check(new Reachability(true), Protocol.UDP, 80);
    }

    @Test
    void aLowerPriorityNumberWinsAndRulesAreReadInOrder() {
        cnp(
                "deny-all-to-y",
                "{'tier':'Admin','priority':50,'subject':{'namespaces':{'matchLabels':{'ns':'y'}}},"
                        + "'ingress':[{'action':'Deny','from':[{'namespaces':{}}]}]}");
        cnp(
                "but-z",
                "{'tier':'Admin','priority':5,'subject':{'namespaces':{'matchLabels':{'ns':'y'}}},"
                        + "'ingress':[{'name':'z-first','action':'Accept','from':[{'namespaces':{'matchLabels':{'ns':'z'}}}]},"
                        + "{'name':'then-no-b','action':'Deny','from':[{'pods':{'namespaceSelector':{},'podSelector':{'matchLabels':{'pod':'b'}}}}]}]}");

        Reachability expected =
                new Reachability(true).expectWhere((f, t) -> t.startsWith("y/") && !f.startsWith("z/"), false);
        check(expected, Protocol.TCP, 80);
        check(expected, Protocol.SCTP, 81);
    }

    @Test
    void passHandsTheDecisionToNetworkPolicies() {
        cnp(
                "pass-from-z",
                "{'tier':'Admin','priority':1,'subject':{'namespaces':{'matchLabels':{'ns':'x'}}},"
                        + "'ingress':[{'action':'Pass','from':[{'namespaces':{'matchLabels':{'ns':'z'}}}]},"
                        + "{'action':'Deny','from':[{'namespaces':{}}]}]}");
        world.policy("x", "only-y", allowIngressFrom(new LabelSelector(Map.of("ns", "y"), null)));

        // From z: passed on to x's policy, which admits only y. From y and x: the Admin Deny decides.
        check(new Reachability(true).expectWhere((f, t) -> t.startsWith("x/"), false), Protocol.TCP, 80);
    }

    @Test
    void twoPoliciesAtOnePriorityAreAskedByNameAndTheExplanationSaysSo() {
        cnp(
                "b-accept",
                "{'tier':'Admin','priority':7,'subject':{'namespaces':{'matchLabels':{'ns':'x'}}},"
                        + "'ingress':[{'action':'Accept','from':[{'namespaces':{'matchLabels':{'ns':'y'}}}]}]}");
        cnp(
                "a-deny",
                "{'tier':'Admin','priority':7,'subject':{'namespaces':{}},"
                        + "'ingress':[{'name':'no-y','action':'Deny','from':[{'namespaces':{'matchLabels':{'ns':'y'}}}]}]}");

        check(new Reachability(true).expectWhere((f, t) -> f.startsWith("y/"), false), Protocol.TCP, 80);
        Verdict.DirectionVerdict ingress = world.evaluator()
                .check(World.pod("y/a"), World.pod("x/b"), Protocol.TCP, 80)
                .ingress();
        assertThat(ingress.chain())
                .map(Object::toString)
                .containsExactly("[Admin] a-deny (priority 7, rule \"no-y\") Deny");
        assertThat(ingress.lints())
                .singleElement()
                .asString()
                .startsWith("a-deny shares priority 7 in the Admin tier with b-accept");
        assertThat(world.evaluator()
                        .check(World.pod("y/a"), World.pod("z/b"), Protocol.TCP, 80)
                        .ingress()
                        .lints())
                .as("b-accept does not select z's pods")
                .isEmpty();
    }

    @Test
    void aBaselineDenyAppliesOnlyWhereNoNetworkPolicyDecides() {
        cnp(
                "baseline-deny",
                "{'tier':'Baseline','priority':1,'subject':{'namespaces':{}},"
                        + "'ingress':[{'action':'Deny','from':[{'namespaces':{}}]}]}");
        world.policy("z", "from-x", allowIngressFrom(new LabelSelector(Map.of("ns", "x"), null)));

        Reachability expected =
                new Reachability(false).expectWhere((f, t) -> t.startsWith("z/") && f.startsWith("x/"), true);
        check(expected, Protocol.TCP, 80);
    }

    @Test
    void aBaselinePassIsTheDefaultAllow() {
        cnp(
                "baseline-pass",
                "{'tier':'Baseline','priority':1,'subject':{'namespaces':{}},"
                        + "'ingress':[{'action':'Pass','from':[{'namespaces':{}}]}]}");
        cnp(
                "baseline-deny",
                "{'tier':'Baseline','priority':2,'subject':{'namespaces':{}},"
                        + "'ingress':[{'action':'Deny','from':[{'namespaces':{}}]}]}");
        check(new Reachability(true), Protocol.UDP, 81);
    }

    @Test
    void egressTiersPerProtocolAndAnEgressPolicyThatOverridesTheBaseline() {
        cnp(
                "no-sctp-to-z",
                "{'tier':'Admin','priority':1,'subject':{'namespaces':{'matchLabels':{'ns':'x'}}},"
                        + "'egress':[{'action':'Deny','to':[{'namespaces':{'matchLabels':{'ns':'z'}}}],"
                        + "'protocols':[{'sctp':{'destinationPort':{'number':80}}}]}]}");
        cnp(
                "not-to-c",
                "{'tier':'Baseline','priority':1,'subject':{'namespaces':{}},"
                        + "'egress':[{'action':'Deny','to':[{'pods':{'namespaceSelector':{},'podSelector':{'matchLabels':{'pod':'c'}}}}]}]}");
        // y's pods are isolated for egress by their own policy, which admits everything: the Baseline never applies.
        world.policy(
                "y",
                "egress-anywhere",
                new NetworkPolicySpec(
                        LabelSelector.EVERYTHING,
                        null,
                        List.of(new io.policyledger.core.networkpolicy.NetworkPolicyEgressRule(null, null)),
                        List.of("Egress")));

        check(
                new Reachability(true)
                        .expectWhere(
                                (f, t) -> f.startsWith("x/") && t.startsWith("z/")
                                        || t.endsWith("/c") && !f.startsWith("y/"),
                                false),
                Protocol.SCTP,
                80);
        check(
                new Reachability(true).expectWhere((f, t) -> t.endsWith("/c") && !f.startsWith("y/"), false),
                Protocol.TCP,
                80);
        check(
                new Reachability(true).expectWhere((f, t) -> t.endsWith("/c") && !f.startsWith("y/"), false),
                Protocol.UDP,
                81);
    }

    @Test
    void egressToNetworksAndNamedPortsOfTheDestination() {
        cnp(
                "no-egress-to-z",
                "{'tier':'Admin','priority':3,'subject':{'namespaces':{'matchLabels':{'ns':'x'}}},"
                        + "'egress':[{'action':'Deny','to':[{'networks':['10.0.3.0/24']}]}]}");
        cnp(
                "no-serve-81-tcp",
                "{'tier':'Admin','priority':4,'subject':{'namespaces':{}},"
                        + "'ingress':[{'action':'Deny','from':[{'namespaces':{}}],'protocols':[{'destinationNamedPort':'serve-81-tcp'}]}]}");

        check(
                new Reachability(true).expectWhere((f, t) -> f.startsWith("x/") && t.startsWith("z/"), false),
                Protocol.TCP,
                80);
        check(new Reachability(false), Protocol.TCP, 81);
        check(
                new Reachability(true).expectWhere((f, t) -> f.startsWith("x/") && t.startsWith("z/"), false),
                Protocol.UDP,
                81);
    }

    @Test
    void nodesAreNotKnownHereSoARuleReachingThemFailsClosedAndNetworksCoverAddresses() {
        cnp(
                "no-infra",
                "{'tier':'Admin','priority':1,'subject':{'namespaces':{'matchLabels':{'ns':'x'}}},"
                        + "'egress':[{'action':'Deny','to':[{'nodes':{'matchLabels':{'role':'infra'}}}]}]}");
        cnp(
                "no-hosts",
                "{'tier':'Admin','priority':2,'subject':{'namespaces':{'matchLabels':{'ns':'y'}}},"
                        + "'egress':[{'action':'Deny','to':[{'networks':['192.168.0.0/24']}]}]}");
        cnp(
                "accept-nodes",
                "{'tier':'Admin','priority':3,'subject':{'namespaces':{'matchLabels':{'ns':'z'}}},"
                        + "'egress':[{'action':'Accept','to':[{'nodes':{}}]},{'action':'Deny','to':[{'networks':['10.0.0.0/8']}]}]}");

        ConnectivityEvaluator engine = world.evaluator();
        for (Evaluator evaluator : List.<Evaluator>of(
                world.naive()::allowed, (f, t, p, n) -> engine.check(f, t, p, n).allowed())) {
            // x: the Deny naming nodes denies everything; y: only the network is denied.
            assertThat(evaluator.allowed(World.pod("x/a"), World.address("8.8.8.8"), Protocol.TCP, 53))
                    .isFalse();
            assertThat(evaluator.allowed(World.pod("y/a"), World.address("192.168.0.1"), Protocol.TCP, 10250))
                    .isFalse();
            assertThat(evaluator.allowed(World.pod("y/a"), World.address("192.168.1.1"), Protocol.TCP, 10250))
                    .isTrue();
            // z: the Accept naming nodes admits nothing, so the next rule decides.
            assertThat(evaluator.allowed(World.pod("z/a"), World.pod("x/b"), Protocol.TCP, 80))
                    .isFalse();
            assertThat(evaluator.allowed(World.pod("z/a"), World.address("192.168.0.1"), Protocol.TCP, 80))
                    .isTrue();
        }
    }

    private interface Evaluator {
        boolean allowed(Endpoint from, Endpoint to, Protocol protocol, int port);
    }

    @Test
    void aRuleReachingDomainNamesFailsClosed() {
        cnp(
                "deny-example",
                "{'tier':'Admin','priority':1,'subject':{'pods':{'namespaceSelector':{},"
                        + "'podSelector':{'matchLabels':{'pod':'c'}}}},'egress':[{'action':'Deny','to':[{'domainNames':['example.com']}]}]}");
        cnp(
                "accept-example",
                "{'tier':'Admin','priority':2,'subject':{'namespaces':{}},"
                        + "'egress':[{'action':'Accept','to':[{'domainNames':['example.com']}]}]}");

        // The Deny denies everything from the c pods; the Accept admits nothing, so the others stay open.
        check(new Reachability(true).expectWhere((f, t) -> f.endsWith("/c"), false), Protocol.TCP, 80);
    }

    @Test
    void withoutClusterNetworkPoliciesTheNaiveEvaluatorStillAgreesWithTheEngine() {
        world.policy("x", "only-y", allowIngressFrom(new LabelSelector(Map.of("ns", "y"), null)));
        ConnectivityEvaluator engine = world.evaluator();
        NaiveEvaluator naive = world.naive();
        for (String from : Reachability.PODS) {
            for (String to : Reachability.PODS) {
                assertThat(naive.allowed(World.pod(from), World.pod(to), Protocol.TCP, 80))
                        .isEqualTo(engine.check(World.pod(from), World.pod(to), Protocol.TCP, 80)
                                .allowed());
            }
        }
    }
}
