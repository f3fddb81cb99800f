package io.policyledger.core.selector;

import io.policyledger.core.validation.Limits;
import io.policyledger.core.validation.NameValidation;
import io.policyledger.core.validation.Violations;
import java.util.List;
import java.util.Map;

/** Validation of {@link LabelSelector}s as the Kubernetes API validates {@code metav1.LabelSelector}. */
public final class LabelSelectorValidation {

    static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

    private LabelSelectorValidation() {}

    public static void validate(Violations v, String path, LabelSelector selector) {
        if (selector == null) {
            return;
        }
        if (selector.matchLabels() != null
                && Limits.within(
                        v, path + ".matchLabels", selector.matchLabels().size(), Limits.LABELS)) {
            labels(v, path + ".matchLabels", selector.matchLabels());
        }
        List<LabelSelectorRequirement> expressions = selector.matchExpressions();
        if (expressions == null
                || !Limits.within(v, path + ".matchExpressions", expressions.size(), Limits.SELECTOR_EXPRESSIONS)) {
            return;
        }
        for (int i = 0; i < expressions.size(); i++) {
            String at = path + ".matchExpressions[" + i + "]";
            LabelSelectorRequirement e = expressions.get(i);
            if (e == null) {
                v.required(at, "");
                continue;
            }
            if (e.key() == null || e.key().isEmpty()) {
                v.required(at + ".key", "");
            } else {
                for (String problem : NameValidation.qualifiedName(e.key())) {
                    v.invalid(at + ".key", e.key(), problem);
                }
            }
            List<String> values = e.values() == null ? List.of() : e.values();
            if (!Limits.within(v, at + ".values", values.size(), Limits.SELECTOR_VALUES)) {
                continue;
            }
            if (e.operator() == null || e.operator().isEmpty()) {
                v.required(at + ".operator", "");
                continue;
            }
            switch (e.operator()) {
                case "In", "NotIn" -> {
                    if (values.isEmpty()) {
                        v.required(at + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (!values.isEmpty()) {
                        v.forbidden(
                                at + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    }
                }
                default -> v.notSupported(at + ".operator", e.operator(), OPERATORS);
            }
            for (int k = 0; k < values.size(); k++) {
                String value = values.get(k);
                if (value == null) {
                    v.required(at + ".values[" + k + "]", "");
                    continue;
                }
                for (String problem : NameValidation.labelValue(value)) {
                    v.invalid(at + ".values[" + k + "]", value, problem);
                }
            }
        }
    }

    /** Label maps, wherever they appear: qualified-name keys, valid label values. */
    public static void labels(Violations v, String path, Map<String, String> labels) {
        labels.forEach((key, value) -> {
            for (String problem : NameValidation.qualifiedName(key)) {
                v.invalid(path, key, problem);
            }
            if (value == null) {
                v.required(path + "[" + key + "]", "");
                return;
            }
            for (String problem : NameValidation.labelValue(value)) {
                v.invalid(path, value, problem);
            }
        });
    }

    static Operator operatorOf(String wire) {
        return switch (wire) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            default -> throw new IllegalArgumentException("unknown selector operator " + wire);
        };
    }
}
