package io.policyledger.core.engine;

import io.policyledger.core.selector.LabelSelector;
import io.policyledger.core.selector.Operator;
import io.policyledger.core.selector.Requirement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A label selector in evaluated form: requirements ANDed, with a canonical text so that equal
 * selectors, however written, are one selector (and one peer set). {@link #ALL} selects everything.
 */
public record Selector(List<Requirement> requirements, String canonical) {

    public static final Selector ALL = new Selector(List.of(), "all()");

    public static Selector of(LabelSelector selector) {
        return selector == null ? ALL : of(selector.requirements());
    }

    public static Selector ofLabels(Map<String, String> matchLabels) {
        List<Requirement> requirements = new ArrayList<>();
        if (matchLabels != null) {
            matchLabels.forEach((k, v) -> requirements.add(new Requirement(k, Operator.IN, List.of(v))));
        }
        return of(requirements);
    }

    public static Selector of(List<Requirement> requirements) {
        List<Requirement> sorted = new ArrayList<>();
        for (Requirement r : requirements) {
            // Canonical form: Equals is In of one value, value sets sorted and deduplicated.
            Operator op = switch (r.operator()) {
                case EQUALS -> Operator.IN;
                case NOT_EQUALS -> Operator.NOT_IN;
                default -> r.operator();
            };
            sorted.add(new Requirement(r.key(), op, List.copyOf(new TreeSet<>(r.values()))));
        }
        sorted.sort(Comparator.comparing(Requirement::key)
                .thenComparing(r -> r.operator().name())
                .thenComparing(r -> String.join(",", r.values())));
        List<Requirement> unique = new ArrayList<>();
        for (Requirement r : sorted) {
            if (unique.isEmpty() || !unique.get(unique.size() - 1).equals(r)) {
                unique.add(r);
            }
        }
        if (unique.isEmpty()) {
            return ALL;
        }
        StringBuilder text = new StringBuilder();
        for (Requirement r : unique) {
            if (!text.isEmpty()) {
                text.append(" && ");
            }
            text.append(r.key())
                    .append(' ')
                    .append(r.operator().name())
                    .append(' ')
                    .append(r.values());
        }
        return new Selector(List.copyOf(unique), text.toString());
    }

    public boolean matches(Map<String, String> labels) {
        return Requirement.allMatch(requirements, labels);
    }

    public boolean selectsAll() {
        return requirements.isEmpty();
    }

    @Override
    public String toString() {
        return canonical;
    }
}
