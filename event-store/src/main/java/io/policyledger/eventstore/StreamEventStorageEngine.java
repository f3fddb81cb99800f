package io.policyledger.eventstore;

import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine, loading an aggregate in one query instead of three. Every write loads its
 * object's stream first, so this is on every command's path.
 *
 * <ul>
 *   <li>No snapshots are read: no aggregate here is snapshotted (a stream holds one object's history, a
 *       few events), so the lookup in {@code snapshot_event_entry} would always come back empty.</li>
 *   <li>A stream is read until a batch comes back short, not until one comes back empty: sequence numbers
 *       of a stream have no gaps (unique per aggregate, appended under the stream's version check).</li>
 * </ul>
 */
final class StreamEventStorageEngine extends JdbcEventStorageEngine {

    StreamEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }
}
