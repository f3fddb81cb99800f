package io.policyledger.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.Serializer;

/**
 * Appends events holding the {@link AppendLock}, taken before the INSERT (if the transaction did not take
 * it first) and released by the commit. Global indexes are therefore handed out in commit order: once
 * event N is visible, every event below N is visible too (or was rolled back and never will be).
 *
 * <p>Without it, two transactions can commit out of index order, and a reader that has seen N has
 * not necessarily seen N-1: a revision would not be a consistent cut of the log, so "the read model
 * is at revision N" and "resume after revision N" would both be false. The price is that appends
 * are serialized: one appending transaction at a time (which is why commands are committed in groups).
 */
final class CommitOrderedAppend implements AppendEventsStatementBuilder {

    @Override
    public PreparedStatement build(
            Connection connection,
            EventSchema schema,
            Class<?> dataType,
            List<? extends EventMessage<?>> events,
            Serializer serializer,
            TimestampWriter timestampWriter)
            throws SQLException {
        AppendLock.acquire(connection);
        return JdbcEventStorageEngineStatements.appendEvents(
                connection, schema, dataType, events, serializer, timestampWriter);
    }
}
