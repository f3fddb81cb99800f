package io.policyledger.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.Serializer;

/**
 * Appends events holding a transaction-scoped PostgreSQL advisory lock, taken just before the INSERT
 * and released by the commit. Global indexes are therefore handed out in commit order: once event N
 * is visible, every event below N is visible too (or was rolled back and never will be).
 *
 * <p>Without it, two transactions can commit out of index order, and a reader that has seen N has
 * not necessarily seen N-1: a revision would not be a consistent cut of the log, so "the read model
 * is at revision N" and "resume after revision N" would both be false. The price is that appends
 * (not command handling) are serialized: one INSERT + COMMIT at a time.
 */
final class CommitOrderedAppend implements AppendEventsStatementBuilder {

    /** An arbitrary, fixed key for the advisory lock ("policy-ledger" appends). */
    static final long LOCK_KEY = 0x706c6f67L;

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
        }
        return JdbcEventStorageEngineStatements.appendEvents(connection, schema, dataType, events, serializer,
                timestampWriter);
    }
}
