package io.policyledger.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * How one direction of a pod's rules decides a connection, the one place that says it (agents render the
 * same order into the dataplane):
 * <ol>
 *   <li>Admin tier: the first rule that matches decides; Accept and Deny end it, Pass skips the rest of
 *       the tier;</li>
 *   <li>NetworkPolicies: if they isolate the pod in this direction, they decide: accepted if any entry
 *       matches, refused otherwise;</li>
 *   <li>Baseline tier: the first rule that matches decides; Pass skips to the default;</li>
 *   <li>default: accepted.</li>
 * </ol>
 */
public final class VerdictChain {

    /** One step of the chain that led to a decision, e.g. {@code [Admin] deny-db (priority 10, rule "block") Deny}. */
    public record Step(String by, RuleAction action) {
        @Override
        public String toString() {
            return by + " " + action.apiName();
        }
    }

    /**
     * A direction's decision: the steps that led to it (the last decides), the NetworkPolicies whose
     * entries accepted (when they decided), the tier that decided (null: the default), and lints: where
     * the answer rests on an order upstream leaves undefined.
     */
    public record Decision(
            boolean allowed, List<Step> steps, List<PolicyRef> acceptedBy, Tier decidedIn, List<String> lints) {

        public Decision {
            steps = List.copyOf(steps);
            acceptedBy = List.copyOf(acceptedBy);
            lints = List.copyOf(lints);
        }

        public String explain() {
            return String.join(" → ", steps.stream().map(Step::toString).toList());
        }
    }

    private VerdictChain() {}

    public static Decision decide(List<VerdictRule> rules, Isolation isolation, Predicate<VerdictRule> matches) {
        List<Step> steps = new ArrayList<>();
        List<String> lints = new ArrayList<>();
        Decision admin = tier(Tier.ADMIN, rules, matches, steps, lints);
        if (admin != null) {
            return admin;
        }
        if (isolation.isolated()) {
            TreeSet<PolicyRef> by = new TreeSet<>();
            for (VerdictRule rule : rules) {
                if (rule.tier() == Tier.NETWORK_POLICY && matches.test(rule)) {
                    by.add(rule.policy());
                }
            }
            if (by.isEmpty()) {
                steps.add(new Step(
                        "[NetworkPolicy] isolated by " + describe(isolation) + ", nothing accepts", RuleAction.DENY));
                return new Decision(false, steps, List.of(), Tier.NETWORK_POLICY, lints);
            }
            steps.add(new Step(
                    "[NetworkPolicy] "
                            + String.join(
                                    ", ", by.stream().map(PolicyRef::toString).toList()),
                    RuleAction.ACCEPT));
            return new Decision(true, steps, new ArrayList<>(by), Tier.NETWORK_POLICY, lints);
        }
        Decision baseline = tier(Tier.BASELINE, rules, matches, steps, lints);
        if (baseline != null) {
            return baseline;
        }
        steps.add(new Step("no tier decides: default", RuleAction.ACCEPT));
        return new Decision(true, steps, List.of(), null, lints);
    }

    /** The first matching rule of the tier: its decision, or null (and a step) for Pass or no match. */
    private static Decision tier(
            Tier tier, List<VerdictRule> rules, Predicate<VerdictRule> matches, List<Step> steps, List<String> lints) {
        for (VerdictRule rule : rules) {
            if (rule.tier() != tier || !matches.test(rule)) {
                continue;
            }
            steps.add(new Step(rule.origin().toString(), rule.action()));
            lintSamePriority((ClusterRuleRef) rule.origin(), rules, matches, lints);
            return switch (rule.action()) {
                case ACCEPT -> new Decision(true, steps, List.of(), tier, lints);
                case DENY -> new Decision(false, steps, List.of(), tier, lints);
                case PASS -> null;
            };
        }
        return null;
    }

    /**
     * Another policy of the same tier and priority that also has a rule matching this connection: which
     * is asked first is undefined upstream (here: by name), so the answer may differ elsewhere.
     */
    private static void lintSamePriority(
            ClusterRuleRef decided, List<VerdictRule> rules, Predicate<VerdictRule> matches, List<String> lints) {
        TreeSet<String> others = new TreeSet<>();
        for (VerdictRule other : rules) {
            if (other.origin() instanceof ClusterRuleRef ref
                    && ref.tier() == decided.tier()
                    && ref.priority() == decided.priority()
                    && !ref.policy().equals(decided.policy())
                    && matches.test(other)) {
                others.add(ref.policy());
            }
        }
        if (!others.isEmpty()) {
            lints.add(decided.policy() + " shares priority " + decided.priority() + " in the "
                    + decided.tier().apiName()
                    + " tier with " + String.join(", ", others) + ", whose rules match this connection too: upstream "
                    + "leaves their order undefined (this server asks them by name), so another implementation may "
                    + "decide otherwise");
        }
    }

    static String describe(Isolation isolation) {
        List<String> parts = new ArrayList<>();
        if (isolation.byNamespace()) {
            parts.add("its namespace's isolation annotation");
        }
        if (!isolation.byPolicies().isEmpty()) {
            parts.add("policies " + isolation.byPolicies());
        }
        return String.join(" and ", parts);
    }
}
