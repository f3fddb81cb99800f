package io.policyledger.app.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Label selectors printed the way kubectl prints them ({@code app=web,tier in (a,b)}; empty: {@code <none>}). */
final class Selectors {

    private Selectors() {}

    static String format(JsonNode selector) {
        List<String> terms = new ArrayList<>();
        // The 2016 format's selector is a plain map of labels.
        JsonNode labels = selector.has("matchLabels") || selector.has("matchExpressions")
                ? selector.path("matchLabels")
                : selector;
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            terms.add(e.getKey() + "=" + e.getValue().asText());
        }
        for (JsonNode requirement : selector.path("matchExpressions")) {
            String key = requirement.path("key").asText();
            List<String> values = new ArrayList<>();
            requirement.path("values").forEach(v -> values.add(v.asText()));
            switch (requirement.path("operator").asText()) {
                case "In" -> terms.add(key + " in (" + String.join(",", values) + ")");
                case "NotIn" -> terms.add(key + " notin (" + String.join(",", values) + ")");
                case "Exists" -> terms.add(key);
                case "DoesNotExist" -> terms.add("!" + key);
                default -> terms.add(key + " " + requirement.path("operator").asText() + " " + values);
            }
        }
        return terms.isEmpty() ? "<none>" : String.join(",", terms);
    }
}
