package io.policyledger.core.selector;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}, ANDed). The empty
 * selector {@code {}} selects everything. Kept in its wire form so stored events read as Kubernetes
 * YAML does; {@link #requirements()} gives the evaluated form of a selector that passed
 * {@link LabelSelectorValidation}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelSelector(Map<String, String> matchLabels, List<LabelSelectorRequirement> matchExpressions) {

    public static final LabelSelector EVERYTHING = new LabelSelector(null, null);

    public LabelSelector {
        matchLabels = matchLabels == null ? null : Collections.unmodifiableMap(new TreeMap<>(matchLabels));
        matchExpressions = matchExpressions == null ? null : List.copyOf(matchExpressions);
    }

    @JsonIgnore
    public List<Requirement> requirements() {
        List<Requirement> out = new ArrayList<>();
        if (matchLabels != null) {
            matchLabels.forEach((k, v) -> out.add(new Requirement(k, Operator.IN, List.of(v))));
        }
        if (matchExpressions != null) {
            for (LabelSelectorRequirement e : matchExpressions) {
                out.add(new Requirement(e.key(), LabelSelectorValidation.operatorOf(e.operator()), e.values()));
            }
        }
        return out;
    }

    public boolean matches(Map<String, String> labels) {
        return Requirement.allMatch(requirements(), labels);
    }
}
