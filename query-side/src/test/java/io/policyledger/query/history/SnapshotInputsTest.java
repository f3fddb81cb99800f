package io.policyledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyIngressPeer;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyIngressRule;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySpec;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySubject;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicySpec;
import io.policyledger.core.selector.LabelSelector;
import io.policyledger.query.effective.EngineInput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A history snapshot keeps every kind of engine input: one left out would vanish from every answer about
 * the past after the snapshot (an Admin Deny that existed then would not be there).
 */
class SnapshotInputsTest {

    @Test
    void everyKindOfInputSurvivesTheSnapshotsStoredForm() throws Exception {
        LabelSelector all = new LabelSelector(null, null);
        List<EngineInput> inputs = List.of(
                new EngineInput.Namespace("x", Map.of("a", "b"), Map.of()),
                new EngineInput.Pod("x", "p", Map.of("app", "web"), null, null, null, "uid-1"),
                new EngineInput.Policy("x", "np", new NetworkPolicySpec(all, null, null, List.of("Ingress"))),
                new EngineInput.AlphaPolicy("x", "old", new AlphaNetworkPolicySpec(Map.of(), null)),
                new EngineInput.ClusterPolicy(
                        "guard",
                        new ClusterNetworkPolicySpec(
                                "Admin",
                                10,
                                new ClusterNetworkPolicySubject(all, null),
                                List.of(new ClusterNetworkPolicyIngressRule(
                                        "r", "Deny", List.of(new ClusterNetworkPolicyIngressPeer(all, null)), null)),
                                null)));

        ObjectMapper json = new ObjectMapper();
        PastState.InputsPart stored =
                json.readValue(json.writeValueAsBytes(PastState.InputsPart.of(inputs)), PastState.InputsPart.class);

        assertThat(stored.all()).containsExactlyInAnyOrderElementsOf(inputs);
    }
}
