package io.policyledger.app.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters naming a point of the log: a revision or a time (absent or empty: null). */
public final class QueryParameters {

    private QueryParameters() {}

    public static Long revision(HttpServletRequest request, String name) {
        return Revisions.parseOptional(request.getParameter(name), name);
    }

    public static Instant time(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    name + " must be an RFC 3339 time such as 2026-11-26T08:00:00Z, not \"" + value + "\"");
        }
    }
}
