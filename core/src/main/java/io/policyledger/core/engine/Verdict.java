package io.policyledger.core.engine;

import java.util.List;

/**
 * The answer to "may {@code from} reach {@code to} on this port?": allowed only if the source's egress
 * and the destination's ingress both allow it.
 */
public record Verdict(boolean allowed, DirectionVerdict egress, DirectionVerdict ingress) {

    /**
     * One side's say.
     *
     * @param applies    false when this side is not a pod (an address or a node has no rules here)
     * @param isolation  whether the pod is isolated in this direction, and by what
     * @param allowedBy  the policies whose rules admit the connection (empty when not isolated)
     * @param reason     a sentence saying why
     * @param chain      the tiers' steps that led to the decision (empty when no rules were asked)
     * @param lints      where the decision rests on an order upstream leaves undefined
     */
    public record DirectionVerdict(
            boolean applies,
            boolean allowed,
            Isolation isolation,
            List<PolicyRef> allowedBy,
            String reason,
            List<VerdictChain.Step> chain,
            List<String> lints) {

        public DirectionVerdict {
            allowedBy = List.copyOf(allowedBy);
            chain = List.copyOf(chain);
            lints = List.copyOf(lints);
        }

        DirectionVerdict(boolean applies, boolean allowed, Isolation isolation, String reason) {
            this(applies, allowed, isolation, List.of(), reason, List.of(), List.of());
        }
    }
}
