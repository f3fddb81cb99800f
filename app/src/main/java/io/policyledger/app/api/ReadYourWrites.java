package io.policyledger.app.api;

import io.policyledger.app.PolicyLedgerProperties;
import io.policyledger.app.database.DatabaseUnavailable;
import io.policyledger.command.write.ObjectWriter;
import io.policyledger.command.write.Written;
import io.policyledger.core.object.ObjectNotFoundException;
import io.policyledger.query.objects.CurrentObjectProjection;
import io.policyledger.query.objects.CurrentObjectReader;
import io.policyledger.query.objects.StoredObject;
import io.policyledger.query.position.ProjectionPositions;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes, on one instance or several: a write is answered once the current-objects projection
 * shows it, and a read that names a resourceVersion answers from a state at least that new.
 */
@Component
class ReadYourWrites {

    private final ObjectWriter writer;
    private final CurrentObjectReader reader;
    private final ProjectionPositions positions;
    private final PolicyLedgerProperties properties;

    ReadYourWrites(
            ObjectWriter writer,
            CurrentObjectReader reader,
            ProjectionPositions positions,
            PolicyLedgerProperties properties) {
        this.writer = writer;
        this.reader = reader;
        this.positions = positions;
        this.properties = properties;
    }

    /**
     * The write is committed: whatever fails now, the client is told it was stored (504 with its
     * resourceVersion, as when the read model is slow), never that it was refused.
     */
    StoredObject visible(Written written) {
        try {
            awaitRevision(written.resourceVersion());
            return reader.get(written.key()).orElseThrow(() -> new ObjectNotFoundException(written.key()));
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            throw ApiException.timeout("the change was stored at resourceVersion " + written.resourceVersion()
                    + " but the database became unavailable before it could be read back; retry the read");
        }
    }

    void awaitRevision(long resourceVersion) {
        if (!positions.await(CurrentObjectProjection.NAME, resourceVersion, properties.readYourWritesTimeout())) {
            throw ApiException.timeout("the change was stored at resourceVersion " + resourceVersion
                    + " but is not visible yet; it will be, retry the read");
        }
    }

    /** A read with {@code ?resourceVersion=N} (N > 0) answers from a state at least as new as N. */
    void awaitRequested(HttpServletRequest request) {
        String rv = request.getParameter("resourceVersion");
        if (rv == null || rv.isEmpty() || rv.equals("0")) {
            return;
        }
        long wanted = Revisions.parse(rv, "resource version");
        if (wanted > writer.newestResourceVersion()) {
            // No such revision exists yet: waiting for it would only hold a thread.
            throw ApiException.timeout(
                    "Too large resource version: " + wanted + ", current: " + writer.newestResourceVersion());
        }
        if (!positions.await(CurrentObjectProjection.NAME, wanted, properties.readYourWritesTimeout())) {
            throw ApiException.timeout(
                    "Too large resource version: " + wanted + ", current: " + reader.resourceVersion());
        }
    }
}
