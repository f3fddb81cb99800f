package io.policyledger.app.api;

import io.policyledger.app.PolicyLedgerProperties;
import io.policyledger.eventstore.RestoredRevisions;
import io.policyledger.query.audit.AuditTrailProjection;
import io.policyledger.query.history.EffectiveRulesHistory;
import io.policyledger.query.position.ProjectionPositions;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The past a read asks for: {@code ?revision=N}, or {@code ?asOf=<RFC 3339>} (the newest revision stored
 * at or before that time, by when each request was accepted). Empty: the present.
 */
@Component
public class PastRevisions {

    private final EffectiveRulesHistory history;
    private final ProjectionPositions positions;
    private final PolicyLedgerProperties ledger;
    private final RestoredRevisions restored;

    PastRevisions(
            EffectiveRulesHistory history,
            ProjectionPositions positions,
            PolicyLedgerProperties ledger,
            RestoredRevisions restored) {
        this.restored = restored;
        this.history = history;
        this.positions = positions;
        this.ledger = ledger;
    }

    /** @throws ApiException 400 for a malformed value or a revision beyond the log's head */
    public Optional<Long> of(HttpServletRequest request) {
        Long asked = QueryParameters.revision(request, "revision");
        Instant asOf = asked == null ? QueryParameters.time(request, "asOf") : null;
        if (asked == null && asOf == null) {
            return Optional.empty();
        }
        long head = positions.logHead();
        long at;
        if (asked != null) {
            at = asked;
        } else {
            if (!positions.await(AuditTrailProjection.NAME, head, ledger.readYourWritesTimeout())) {
                throw ApiException.timeout("the log's times are not indexed up to its head yet; try again");
            }
            at = history.revisionAt(asOf);
        }
        if (at < 0 || at > head) {
            throw ApiException.badRequest("revision " + at + " is not in the log (its head is " + head + ")");
        }
        // A revision a restore skipped names a state the log no longer has (or never had): not the restored one.
        if (asked != null) {
            ApiException.requireNotLost(restored, at);
        }
        return Optional.of(at);
    }
}
