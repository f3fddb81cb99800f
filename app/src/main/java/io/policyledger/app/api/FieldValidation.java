package io.policyledger.app.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The {@code fieldValidation} query parameter: what a body's unknown fields do. Strict (this server's
 * default, and what kubectl sends) refuses them; Warn drops them and names each in a {@code Warning}
 * header, as kubectl prints; Ignore drops them.
 */
enum FieldValidation {
    STRICT,
    WARN,
    IGNORE;

    static FieldValidation of(HttpServletRequest request) {
        String value = request.getParameter("fieldValidation");
        if (value == null || value.isEmpty() || value.equals("Strict")) {
            return STRICT;
        }
        return switch (value) {
            case "Warn" -> WARN;
            case "Ignore" -> IGNORE;
            default ->
                throw ApiException.badRequest("fieldValidation must be Strict, Warn or Ignore, not \"" + value + "\"");
        };
    }

    void report(List<String> unknownFields) {
        if (this == WARN) {
            // Named once each, also when a write is computed again after a conflict.
            Warnings.add(unknownFields.stream()
                    .map(field -> "unknown field \"" + field + "\"")
                    .toList());
        }
    }
}
