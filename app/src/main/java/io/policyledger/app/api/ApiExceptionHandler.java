package io.policyledger.app.api;

import io.policyledger.app.api.apply.ApplyConflictException;
import io.policyledger.app.api.patch.InvalidPatchException;
import io.policyledger.app.database.DatabaseUnavailable;
import io.policyledger.app.security.StatusResponses;
import io.policyledger.app.web.RequestIdFilter;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectForbiddenException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectNotFoundException;
import io.policyledger.core.object.ObjectRejectedException;
import io.policyledger.core.validation.InvalidObjectException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every failure leaves as a Kubernetes {@link Status} with the matching HTTP code; none as a stack trace. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Status> api(ApiException e) {
        return respond(e.toStatus());
    }

    @ExceptionHandler(InvalidObjectException.class)
    ResponseEntity<Status> invalid(InvalidObjectException e) {
        List<Status.Cause> causes = e.violations().stream()
                .map(v -> new Status.Cause(v.type().name(), v.message(), v.field()))
                .toList();
        return respond(Status.failure(
                422,
                "Invalid",
                e.getMessage(),
                new Status.Details(e.name(), e.kind().group(), e.kind().kindName(), null, causes)));
    }

    /** As the Kubernetes API server answers an apply conflict: 409, one cause per field and its manager. */
    @ExceptionHandler(ApplyConflictException.class)
    ResponseEntity<Status> applyConflict(ApplyConflictException e) {
        List<Status.Cause> causes = e.conflicts().stream()
                .map(c -> new Status.Cause("FieldManagerConflict", "conflict with \"" + c.manager() + "\"", c.field()))
                .toList();
        return respond(
                Status.failure(409, "Conflict", e.getMessage(), new Status.Details(null, null, null, null, causes)));
    }

    @ExceptionHandler(InvalidPatchException.class)
    ResponseEntity<Status> invalidPatch(InvalidPatchException e) {
        return respond(PatchRequest.failure(e).toStatus());
    }

    @ExceptionHandler(ObjectRejectedException.class)
    ResponseEntity<Status> rejected(ObjectRejectedException e, HttpServletRequest request) {
        ObjectKey key = e.key();
        Status.Details details =
                new Status.Details(key.name(), key.kind().group(), key.kind().resource(), null, null);
        if (e instanceof ObjectNotFoundException) {
            return respond(Status.failure(404, "NotFound", e.getMessage(), details));
        }
        if (e instanceof ObjectForbiddenException) {
            StatusResponses.logDenial(request, 403, e.getMessage());
            return respond(Status.failure(403, "Forbidden", e.getMessage(), details));
        }
        if (e instanceof ObjectAlreadyExistsException) {
            return respond(Status.failure(409, "AlreadyExists", e.getMessage(), details));
        }
        return respond(Status.failure(409, "Conflict", e.getMessage(), details));
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<Status> noRoute(Exception e) {
        return respond(Status.failure(404, "NotFound", "the server could not find the requested resource", null));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Status> method(HttpRequestMethodNotSupportedException e) {
        return respond(Status.failure(
                405, "MethodNotAllowed", "the server does not allow this method on the requested resource", null));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Status> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(Status.failure(406, "NotAcceptable", "only application/json responses are available", null));
    }

    /** The client went away (an agent closing its watch, a reconnect storm): nobody to answer, nothing failed. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e, HttpServletRequest request) {
        log.debug("client of {} {} went away: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
    }

    /** Every watch thread is taken: the client retries later (another instance may have room). */
    @ExceptionHandler(TaskRejectedException.class)
    ResponseEntity<Status> busy(TaskRejectedException e) {
        return respond(Status.failure(
                503,
                "ServiceUnavailable",
                "this instance serves as many watches as it can; " + "try again later or elsewhere",
                null));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Status> unexpected(Exception e, HttpServletRequest request) {
        String requestId = RequestIdFilter.of(request);
        if (DatabaseUnavailable.causedBy(e)) {
            log.warn(
                    "request {} {} refused: the database is unavailable ({})",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.toString());
            return ResponseEntity.status(503)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Retry-After", Long.toString(DatabaseUnavailable.RETRY_AFTER.toSeconds()))
                    .body(DatabaseUnavailable.status());
        }
        log.error("request {} {} failed (request id {})", request.getMethod(), request.getRequestURI(), requestId, e);
        return respond(
                Status.failure(500, "InternalError", "an internal error occurred; request id " + requestId, null));
    }

    private static ResponseEntity<Status> respond(Status status) {
        return ResponseEntity.status(status.code())
                .contentType(MediaType.APPLICATION_JSON)
                .body(status);
    }
}
