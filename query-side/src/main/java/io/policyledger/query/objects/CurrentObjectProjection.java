package io.policyledger.query.objects;

import io.policyledger.query.position.ProjectionPositions;
import io.policyledger.query.projection.ReadModel;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code current_object}: the present state of every object, as the API's GET and list serve
 * it. An object's resourceVersion is the global index of the event that last changed it, taken from the
 * event's tracking token. Runs as a tracking processor with one segment, so it applies events in log
 * order and its position is a single number.
 */
@Component
@ProcessingGroup(CurrentObjectProjection.NAME)
public class CurrentObjectProjection {

    public static final String NAME = "current-objects";

    public static final ReadModel READ_MODEL = new ReadModel(
            NAME, List.of(new ReadModel.Table("current_object", "*", true)), CurrentObjectProjection::writingTo);

    private final CurrentObjectStore store;
    private final ProjectionPositions positions;

    CurrentObjectProjection(CurrentObjectStore store, ProjectionPositions positions) {
        this.store = store;
        this.positions = positions;
    }

    /** A projection writing through {@code jdbc} alone: a rebuild's, into tables beside the live ones. */
    public static CurrentObjectProjection writingTo(JdbcTemplate jdbc) {
        return new CurrentObjectProjection(new CurrentObjectStore(jdbc), new ProjectionPositions(jdbc));
    }

    /**
     * Every event; those about an object change its row. The position moves past every event, as the
     * other projections' do, so that "caught up with the log" means the same for all of them (a token's
     * issue, which changes no object, would otherwise leave this one forever one event behind).
     */
    @EventHandler
    void on(Object event, TrackingToken token) {
        long rv = indexOf(token);
        ObjectChanges.apply(event, rv, store);
        positions.recordOnCommit(NAME, rv);
    }

    @ResetHandler
    void reset() {
        store.deleteAll();
        positions.reset(NAME);
    }

    private static long indexOf(TrackingToken token) {
        return token.position()
                .orElseThrow(() -> new IllegalStateException("tracking token without a position: " + token));
    }
}
