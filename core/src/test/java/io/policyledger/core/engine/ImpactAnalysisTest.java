package io.policyledger.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.core.networkpolicy.IntOrString;
import io.policyledger.core.networkpolicy.NetworkPolicyIngressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyPeer;
import io.policyledger.core.networkpolicy.NetworkPolicyPort;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.pod.Container;
import io.policyledger.core.pod.ContainerPort;
import io.policyledger.core.pod.PodIP;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import io.policyledger.core.selector.LabelSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImpactAnalysisTest {

    private static final PodRef A = new PodRef("x", "a");
    private static final PodRef B = new PodRef("x", "b");
    private static final PodRef C = new PodRef("x", "c");

    private static PolicyEngine world() {
        PolicyEngine engine = new PolicyEngine();
        engine.setNamespace(EngineObjects.namespace("x", Map.of("kubernetes.io/metadata.name", "x"), Map.of()));
        engine.setPod(pod("a", "web", "10.0.0.1"));
        engine.setPod(pod("b", "db", "10.0.0.2"));
        engine.setPod(pod("c", "other", "10.0.0.3"));
        engine.flush();
        return engine;
    }

    private static EnginePod pod(String name, String app, String ip) {
        return EngineObjects.pod(
                "x",
                name,
                Map.of("app", app),
                new PodSpec("n1", List.of(new Container("main", null, List.of(new ContainerPort("pg", 5432, "TCP"))))),
                new PodStatus(ip, List.of(new PodIP(ip))));
    }

    private static CompiledPolicy dbFromWebOnPg() {
        return PolicyCompiler.v1(
                "x",
                "db-from-web",
                new NetworkPolicySpec(
                        new LabelSelector(Map.of("app", "db"), null),
                        List.of(new NetworkPolicyIngressRule(
                                List.of(new NetworkPolicyPort("TCP", IntOrString.of("pg"), null)),
                                List.of(new NetworkPolicyPeer(
                                        new LabelSelector(Map.of("app", "web"), null), null, null)))),
                        null,
                        List.of("Ingress")));
    }

    @Test
    void isolatingAPodListsExactlyTheConnectionsItWouldRefuse() {
        PolicyEngine before = world();
        PolicyEngine after = before.copy();
        after.setPolicy(dbFromWebOnPg());
        List<EngineDelta> deltas = after.flush();

        ImpactAnalysis.Impact impact = ImpactAnalysis.between(before, after, deltas, List.of(), 1_000_000);

        assertThat(impact.truncated()).isFalse();
        assertThat(impact.changes())
                .containsExactly(
                        new VerdictChange(A, B, Protocol.TCP, 1, 5431, true, false),
                        new VerdictChange(A, B, Protocol.TCP, 5433, 65535, true, false),
                        new VerdictChange(A, B, Protocol.UDP, 1, 65535, true, false),
                        new VerdictChange(A, B, Protocol.SCTP, 1, 65535, true, false),
                        new VerdictChange(C, B, Protocol.TCP, 1, 65535, true, false),
                        new VerdictChange(C, B, Protocol.UDP, 1, 65535, true, false),
                        new VerdictChange(C, B, Protocol.SCTP, 1, 65535, true, false));
    }

    @Test
    void aLabelChangeListsWhatTheRelabelledPodGainsAndNothingElse() {
        PolicyEngine before = world();
        before.setPolicy(dbFromWebOnPg());
        before.flush();
        PolicyEngine after = before.copy();
        after.setPod(pod("c", "web", "10.0.0.3"));
        List<EngineDelta> deltas = after.flush();

        ImpactAnalysis.Impact impact = ImpactAnalysis.between(before, after, deltas, List.of(C), 1_000_000);

        assertThat(impact.changes()).containsExactly(new VerdictChange(C, B, Protocol.TCP, 5432, 5432, false, true));
    }

    @Test
    void aChangeThatChangesNoVerdictListsNothingAndTheBudgetIsHonoured() {
        PolicyEngine before = world();
        PolicyEngine after = before.copy();
        after.setPod(pod("c", "other", "10.0.0.3"));

        assertThat(ImpactAnalysis.between(before, after, after.flush(), List.of(C), 1_000_000)
                        .changes())
                .isEmpty();
        PolicyEngine isolated = before.copy();
        isolated.setPolicy(dbFromWebOnPg());
        assertThat(ImpactAnalysis.between(before, isolated, isolated.flush(), List.of(), 3)
                        .truncated())
                .isTrue();
    }
}
