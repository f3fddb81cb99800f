package io.policyledger.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One direction of a pod's traffic.
 *
 * @param isolated whether NetworkPolicies isolate it: then what no {@code allow} entry accepts is dropped,
 *                 and the Baseline tier is not asked
 * @param allow    the NetworkPolicies' accepting entries
 * @param admin    the Admin tier's rules, in order: the first that matches decides (absent when none)
 * @param baseline the Baseline tier's rules, asked when not isolated (absent when none)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DirectionRules(
        boolean isolated,
        List<RuleEntry> allow,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RuleEntry> admin,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RuleEntry> baseline) {

    public static final DirectionRules OPEN = new DirectionRules(false, List.of(), List.of(), List.of());

    public DirectionRules {
        allow = allow == null ? List.of() : List.copyOf(allow);
        admin = admin == null ? List.of() : List.copyOf(admin);
        baseline = baseline == null ? List.of() : List.copyOf(baseline);
    }
}
