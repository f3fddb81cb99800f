package io.policyledger.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * A pod's effective rules as a client reads them ({@code GET …/namespaces/{ns}/effectiverules[/{pod}]}):
 * per direction, the Admin tier's rules, whether NetworkPolicies isolate the pod and what they admit, and
 * the Baseline tier's rules, each list in evaluation order. A rule names its peer under {@code from} in
 * ingress and {@code to} in egress, as NetworkPolicies do.
 */
public final class EffectiveRulesView {

    public static final String API_VERSION = NodeView.API_VERSION;

    private EffectiveRulesView() {}

    /** One pod's rules ({@code kind: EffectiveRules}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EffectiveRules(
            String apiVersion, String kind, Metadata metadata, Pod pod, Direction ingress, Direction egress) {
        public static EffectiveRules of(
                String namespace, String name, long resourceVersion, Pod pod, Direction ingress, Direction egress) {
            return new EffectiveRules(
                    API_VERSION,
                    "EffectiveRules",
                    new Metadata(namespace, name, Long.toString(resourceVersion)),
                    pod,
                    ingress,
                    egress);
        }
    }

    /** The rules of a namespace's pods ({@code kind: EffectiveRulesList}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EffectiveRulesList(String apiVersion, String kind, Metadata metadata, List<EffectiveRules> items) {
        public static EffectiveRulesList of(long resourceVersion, List<EffectiveRules> items) {
            return new EffectiveRulesList(
                    API_VERSION, "EffectiveRulesList", new Metadata(null, null, Long.toString(resourceVersion)), items);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metadata(String namespace, String name, String resourceVersion) {}

    /** Where the pod runs (absent until scheduled) and its addresses. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pod(String nodeName, List<String> addresses) {}

    /**
     * One direction. When NetworkPolicies isolate it, {@code isolatedBy} says which and {@code allow} lists
     * what they admit (perhaps nothing); when they do not, {@code note} says what that means. The tier lists
     * are absent when no ClusterNetworkPolicy has a rule here.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Direction(
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Rule> admin,
            boolean isolated,
            @JsonInclude(JsonInclude.Include.NON_NULL) IsolatedBy isolatedBy,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Rule> allow,
            @JsonInclude(JsonInclude.Include.NON_NULL) String note,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Rule> baseline) {}

    /** @param namespaceAnnotation whether the namespace's isolation annotation isolates it */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IsolatedBy(boolean namespaceAnnotation, List<NetworkPolicyName> policies) {}

    /**
     * One rule: a tier's carries its {@code action} and {@code clusterNetworkPolicy}, a NetworkPolicy's
     * (which only admits) its {@code policy}. The peer is {@code from} (ingress) or {@code to} (egress).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(
            String action,
            Peer from,
            Peer to,
            Ports ports,
            NetworkPolicyName policy,
            ClusterRuleName clusterNetworkPolicy) {}

    /**
     * Pods (their peer set, listed), an address range, or anyone. A pod of another tenant than the
     * caller's is shown by its addresses only.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Peer(
            List<PeerPod> pods,
            String peerSet,
            String cidr,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> except,
            Boolean anyone) {
        public static final Peer ANYONE = new Peer(null, null, null, null, true);

        public static Peer pods(String peerSet, List<PeerPod> pods) {
            return new Peer(pods, peerSet, null, null, null);
        }

        public static Peer range(String cidr, List<String> except) {
            return new Peer(null, null, cidr, except, null);
        }
    }

    /** @param namespace and {@code name}: absent for a pod of another tenant */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PeerPod(String namespace, String name, List<String> addresses) {}

    /** {@code "all"} (every port of every protocol), or a list of ports. */
    public record Ports(boolean all, List<AdmittedPort> list) {
        public static final Ports ALL = new Ports(true, List.of());

        public static Ports of(List<AdmittedPort> list) {
            return new Ports(false, list);
        }

        @JsonValue
        Object wire() {
            return all ? "all" : list;
        }
    }

    /** A protocol's ports: all of them (no {@code port}), one, a range up to {@code endPort}, or by name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AdmittedPort(String protocol, NumberOrName port, Integer endPort) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NetworkPolicyName(String apiVersion, String kind, String namespace, String name) {}

    /** The ClusterNetworkPolicy a tier rule is of, and the rule by name or, unnamed, by its index. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClusterRuleName(String name, int priority, String rule, Integer ruleIndex) {}
}
