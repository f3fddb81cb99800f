package io.policyledger.core.engine;

import java.util.Objects;

/**
 * One rule of a ClusterNetworkPolicy: the policy, its tier and priority, and the rule's place in its
 * direction's list (and its name, if it has one). Orders as the tiers are evaluated: priority, then
 * policy name (upstream leaves equal priorities undefined; a fixed order keeps every answer the same),
 * then the rule's place.
 */
public record ClusterRuleRef(String policy, Tier tier, int priority, int index, String ruleName)
        implements RuleOrigin, Comparable<ClusterRuleRef> {

    public ClusterRuleRef {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(tier, "tier");
        if (tier == Tier.NETWORK_POLICY) {
            throw new IllegalArgumentException("a ClusterNetworkPolicy is in the Admin or Baseline tier");
        }
    }

    @Override
    public int compareTo(ClusterRuleRef o) {
        int c = tier.compareTo(o.tier);
        if (c == 0) {
            c = Integer.compare(priority, o.priority);
        }
        if (c == 0) {
            c = policy.compareTo(o.policy);
        }
        return c != 0 ? c : Integer.compare(index, o.index);
    }

    /** As in explanations: {@code [Admin] deny-db (priority 10, rule "block")}, or {@code rule 2} when unnamed. */
    @Override
    public String toString() {
        return "[" + tier.apiName() + "] " + policy + " (priority " + priority + ", "
                + (ruleName == null ? "rule " + (index + 1) : "rule \"" + ruleName + "\"") + ")";
    }
}
