package io.policyledger.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.policyledger.protocol.EffectiveRulesView.NetworkPolicyName;
import java.util.List;

/**
 * The answers to "who may reach whom": a single check ({@code POST …/connectivitychecks}) and a sweep of
 * pods × ports ({@code POST …/connectivitymatrices}), each decided by the same evaluator.
 */
public final class ConnectivityView {

    private ConnectivityView() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metadata(String resourceVersion) {}

    /** A check with its answer ({@code kind: ConnectivityCheck}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConnectivityCheck(
            String apiVersion, String kind, Metadata metadata, CheckSpec spec, CheckStatus status) {
        public static ConnectivityCheck of(long resourceVersion, CheckSpec spec, CheckStatus status) {
            return new ConnectivityCheck(
                    EffectiveRulesView.API_VERSION,
                    "ConnectivityCheck",
                    new Metadata(Long.toString(resourceVersion)),
                    spec,
                    status);
        }
    }

    /** The question as asked: each end is {@code namespace/pod}, {@code node:NAME} or an address. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckSpec(String from, String to, String protocol, NumberOrName port) {}

    /**
     * @param allowed only if the source's egress and the destination's ingress both allow it
     * @param reason  a sentence saying why
     * @param port    the port number (a named port resolved against the destination)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckStatus(boolean allowed, SideVerdict egress, SideVerdict ingress, String reason, int port) {}

    /**
     * One side's say. Of another tenant's pod only {@code allowed} and {@code reason} are shown.
     *
     * @param applies false when the side is not a pod (an address or a node has no rules here)
     * @param chain   the tiers asked, in order, and what each said (absent when no tier rule was asked)
     * @param lints   where the decision rests on an order upstream leaves undefined (absent when none)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SideVerdict(
            boolean allowed,
            Boolean applies,
            Boolean isolated,
            Boolean isolatedByNamespaceAnnotation,
            List<NetworkPolicyName> isolatedByPolicies,
            List<NetworkPolicyName> allowedBy,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> chain,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> lints,
            String reason) {
        /** Another tenant's side: whether it allows, and nothing of its rules. */
        public static SideVerdict withheld(boolean allowed, String reason) {
            return new SideVerdict(allowed, null, null, null, null, null, null, null, reason);
        }
    }

    /**
     * A sweep with its answer ({@code kind: ConnectivityMatrix}).
     *
     * @param spec the request's spec, as sent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConnectivityMatrix(
            String apiVersion, String kind, Metadata metadata, Object spec, MatrixStatus status) {
        public static ConnectivityMatrix of(long resourceVersion, Object spec, MatrixStatus status) {
            return new ConnectivityMatrix(
                    EffectiveRulesView.API_VERSION,
                    "ConnectivityMatrix",
                    new Metadata(Long.toString(resourceVersion)),
                    spec,
                    status);
        }
    }

    /** @param pods the rows' and columns' pods, {@code namespace/name}, in order */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MatrixStatus(List<String> pods, List<PortResult> results, String summary) {}

    /**
     * One port's table: a row per source, a character per destination ({@code 1} connects, {@code .} does
     * not), and the denied cells with their reasons, at most {@code deniedListedAtMost} of them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PortResult(
            String protocol, int port, List<String> table, List<DeniedCell> denied, int deniedListedAtMost) {}

    /** @param deniedBy {@code egress} (the source's rules) or {@code ingress} (the destination's) */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeniedCell(String from, String to, String deniedBy, String reason, List<String> chain) {}

    /**
     * What a dry-run write would change in who may reach whom ({@code impact} in the answer): each
     * connection whose verdict would flip. Another tenant's pod is shown by its address.
     *
     * @param truncated true when the preview stopped at its budget and the list is cut short
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Impact(String resourceVersion, boolean truncated, List<ImpactChange> changes) {}

    /** @param before and {@code after}: {@code allowed} or {@code denied} */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImpactChange(
            String from, String to, String protocol, int port, Integer endPort, String before, String after) {}
}
