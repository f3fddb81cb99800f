package io.policyledger.app.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.api.ApiException;
import io.policyledger.app.api.RequestBodyDecoder;
import io.policyledger.app.api.Revisions;
import io.policyledger.app.web.CallerResolver;
import io.policyledger.protocol.RebuildView;
import io.policyledger.query.rebuild.ProjectionRebuild;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Iterator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilds of the read models (platform admin): {@code POST audit/rebuilds} starts one (202; 409 while one
 * runs) with {@code {"spec":{"verifyOnly":true}}} to compare without switching; {@code GET audit/rebuilds[/{id}]}
 * shows progress (events done / total, rate, ETA), then what differed and whether it switched.
 */
@RestController
@RequestMapping(path = "/apis/policyledger.io/v1/audit/rebuilds", produces = MediaType.APPLICATION_JSON_VALUE)
class RebuildController {

    private final ProjectionRebuild rebuilds;
    private final CallerResolver callers;
    private final RequestBodyDecoder decoder;

    RebuildController(ProjectionRebuild rebuilds, CallerResolver callers, RequestBodyDecoder decoder) {
        this.rebuilds = rebuilds;
        this.callers = callers;
        this.decoder = decoder;
    }

    @PostMapping
    ResponseEntity<RebuildView.ProjectionRebuild> start(HttpServletRequest request) {
        boolean verifyOnly = verifyOnly(request);
        try {
            ProjectionRebuild.Status started = rebuilds.start(callers.current().subject(), verifyOnly);
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(show(started));
        } catch (ProjectionRebuild.AlreadyRunning e) {
            throw new ApiException(409, "AlreadyExists", e.getMessage(), null);
        }
    }

    @GetMapping
    RebuildView.ProjectionRebuildList list(@RequestParam(required = false) String limit) {
        return RebuildView.ProjectionRebuildList.of(rebuilds.list(Revisions.limit(limit, 20, 1000)).stream()
                .map(RebuildController::show)
                .toList());
    }

    @GetMapping("/{id}")
    RebuildView.ProjectionRebuild get(@PathVariable String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("projectionrebuilds \"" + id + "\" not found");
        }
        return show(rebuilds.get(number)
                .orElseThrow(() -> ApiException.notFound("projectionrebuilds \"" + id + "\" not found")));
    }

    /** The body is optional; if given, only {@code spec.verifyOnly} may be set. */
    private boolean verifyOnly(HttpServletRequest request) {
        if (request.getContentLengthLong() == 0) {
            return false;
        }
        JsonNode body = decoder.decode(request, JsonNode.class);
        if (body == null || body.isNull()) {
            return false;
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("the body must be a ProjectionRebuild object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("apiVersion") && !field.equals("kind") && !field.equals("spec")) {
                throw ApiException.badRequest("unknown field \"" + field + "\": a rebuild takes only spec.verifyOnly "
                        + "(its name is chosen by the server)");
            }
        }
        JsonNode spec = body.path("spec");
        for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("verifyOnly")) {
                throw ApiException.badRequest(
                        "unknown field \"spec." + field + "\": a rebuild takes only spec.verifyOnly");
            }
        }
        JsonNode verifyOnly = spec.path("verifyOnly");
        if (!verifyOnly.isMissingNode() && !verifyOnly.isBoolean()) {
            throw ApiException.invalidField(
                    "ProjectionRebuild", "spec.verifyOnly", verifyOnly.toString(), "must be true or false");
        }
        return verifyOnly.asBoolean(false);
    }

    private static RebuildView.ProjectionRebuild show(ProjectionRebuild.Status s) {
        return RebuildView.ProjectionRebuild.of(
                new RebuildView.Metadata(Long.toString(s.id()), s.startedAt().toString()),
                new RebuildView.Spec(s.verifyOnly(), s.requestedBy()),
                new RebuildView.Status(
                        s.phase(),
                        s.eventsDone(),
                        s.eventsTotal(),
                        Math.round(s.eventsPerSecond()),
                        s.etaSeconds(),
                        s.finishedAt() == null ? null : s.finishedAt().toString(),
                        s.switchedAt(),
                        s.differences(),
                        s.message()));
    }
}
