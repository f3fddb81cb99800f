package io.policyledger.core.selector;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code matchExpressions[]} entry of a Kubernetes label selector, as written on the wire. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelSelectorRequirement(String key, String operator, List<String> values) {

    public LabelSelectorRequirement {
        values = values == null ? null : List.copyOf(values);
    }
}
