package io.policyledger.app.api;

import io.policyledger.eventstore.RestoredRevisions;
import java.util.Optional;

/** A request answered with a failure {@link Status}: the HTTP code and Kubernetes reason travel with it. */
public class ApiException extends RuntimeException {

    private final int code;
    private final String reason;
    private final transient Status.Details details;

    public ApiException(int code, String reason, String message, Status.Details details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message, null);
    }

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, "UnsupportedMediaType", message, null);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "RequestEntityTooLarge", message, null);
    }

    public static ApiException methodNotAllowed(String message) {
        return new ApiException(405, "MethodNotAllowed", message, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NotFound", message, null);
    }

    /** 422 Invalid for a request that is not a stored object (a check, a review), one field at fault. */
    public static ApiException invalidField(String kind, String field, Object value, String detail) {
        String message = "Invalid value: " + (value instanceof String ? "\"" + value + "\"" : String.valueOf(value))
                + ": " + detail;
        return new ApiException(
                422,
                "Invalid",
                kind + " is invalid: " + field + ": " + message,
                new Status.Details(
                        null,
                        "policyledger.io",
                        kind,
                        null,
                        java.util.List.of(new Status.Cause("FieldValueInvalid", message, field))));
    }

    /**
     * 410 for a revision a restore of the log skipped ({@link RestoredRevisions}): it names a state the log
     * does not have, and the client lists again.
     */
    public static void requireNotLost(RestoredRevisions restored, long revision) {
        Optional<Long> restoredHead = restored.lostAbove(revision);
        if (restoredHead.isPresent()) {
            throw new ApiException(410, "Expired", RestoredRevisions.lostMessage(revision, restoredHead.get()), null);
        }
    }

    public static ApiException timeout(String message) {
        return new ApiException(504, "Timeout", message, null);
    }

    public int code() {
        return code;
    }

    public Status toStatus() {
        return Status.failure(code, reason, getMessage(), details);
    }
}
