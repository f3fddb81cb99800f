package io.policyledger.app.rules;

import io.policyledger.app.PolicyLedgerProperties;
import io.policyledger.app.api.ApiException;
import io.policyledger.app.api.Revisions;
import io.policyledger.query.effective.EffectiveRulesProjection;
import io.policyledger.query.position.ProjectionPositions;
import org.springframework.stereotype.Component;

/**
 * Waits until the effective rules reflect a revision (504 Timeout, as for any read, if they do not
 * within the read-your-writes timeout): by default everything stored when the request arrived.
 */
@Component
class EffectiveRulesRevision {

    private final ProjectionPositions positions;
    private final PolicyLedgerProperties properties;

    EffectiveRulesRevision(ProjectionPositions positions, PolicyLedgerProperties properties) {
        this.positions = positions;
        this.properties = properties;
    }

    /** Until the rules reflect every event stored so far. */
    void awaitLogHead() {
        await(positions.logHead());
    }

    /** Until the rules reflect {@code ?resourceVersion=N} when given, else every event stored so far. */
    void awaitRequested(String resourceVersion) {
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            awaitLogHead();
            return;
        }
        await(Revisions.parse(resourceVersion, "resourceVersion"));
    }

    private void await(long target) {
        if (!positions.await(EffectiveRulesProjection.NAME, target, properties.readYourWritesTimeout())) {
            throw ApiException.timeout(
                    "the effective rules have not reached resourceVersion " + target + " yet; retry");
        }
    }
}
