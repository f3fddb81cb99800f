package io.policyledger.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The Kubernetes {@code Status} object: how every error (and an immediate deletion) is answered. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Status(
        String kind,
        String apiVersion,
        Map<String, Object> metadata,
        String status,
        String message,
        String reason,
        Details details,
        Integer code) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Details(String name, String group, String kind, String uid, List<Cause> causes) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cause(String reason, String message, String field) {}

    public static Status failure(int code, String reason, String message, Details details) {
        return new Status("Status", "v1", Map.of(), "Failure", message, reason, details, code);
    }

    public static Status success(Details details) {
        return new Status("Status", "v1", Map.of(), "Success", null, null, details, null);
    }
}
