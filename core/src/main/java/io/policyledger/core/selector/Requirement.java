package io.policyledger.core.selector;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One condition on one label key; a selector is the conjunction of its requirements. */
public record Requirement(String key, Operator operator, List<String> values) {

    public Requirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        values = values == null ? List.of() : List.copyOf(values);
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.get(key);
        return switch (operator) {
            case EQUALS, IN -> actual != null && values.contains(actual);
            case NOT_EQUALS, NOT_IN -> actual == null || !values.contains(actual);
            case EXISTS -> actual != null;
            case DOES_NOT_EXIST -> actual == null;
        };
    }

    public static boolean allMatch(List<Requirement> requirements, Map<String, String> labels) {
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
