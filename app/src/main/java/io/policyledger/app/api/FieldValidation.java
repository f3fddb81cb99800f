package io.policyledger.app.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The {@code fieldValidation} query parameter: what a body's unknown fields do. Strict (this server's
 * default, and what kubectl sends) refuses them; Warn drops them and names each in a {@code Warning}
 * header, as kubectl prints; Ignore drops them.
 */
enum FieldValidation {
    STRICT, WARN, IGNORE;

    static FieldValidation of(HttpServletRequest request) {
        String value = request.getParameter("fieldValidation");
        if (value == null || value.isEmpty() || value.equals("Strict")) {
            return STRICT;
        }
        return switch (value) {
            case "Warn" -> WARN;
            case "Ignore" -> IGNORE;
            default -> throw ApiException.badRequest("fieldValidation must be Strict, Warn or Ignore, not \""
                    + value + "\"");
        };
    }

    void report(List<String> unknownFields) {
        if (this != WARN || unknownFields.isEmpty()
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpServletResponse response = attributes.getResponse();
        if (response == null) {
            return;
        }
        for (String field : unknownFields) {
            String warning = "299 - \"unknown field \\\"" + field + "\\\"\"";
            // A write computed again after a conflict decodes again: each field is named once.
            if (!response.getHeaders("Warning").contains(warning)) {
                response.addHeader("Warning", warning);
            }
        }
    }
}
