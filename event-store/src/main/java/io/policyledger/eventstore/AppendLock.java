package io.policyledger.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The lock that makes appends commit in the order of their global indexes: a transaction-scoped
 * PostgreSQL advisory lock, one key for every instance, released by the commit (or rollback).
 *
 * <p>A writing transaction takes it before anything else (before any row lock), and everyone takes it in
 * that order: so no two writers can each hold what the other waits for. Once taken in a Spring-managed
 * transaction it is remembered there, so a group of commands committed together asks for it once.
 */
public final class AppendLock {

    /** An arbitrary, fixed key ("plog": policy-ledger appends); the chain's trigger takes the same one. */
    public static final long KEY = 0x706c6f67L;

    private static final Object HELD = new Object();

    private AppendLock() {}

    /** Takes the lock in the connection's transaction, unless this transaction holds it already. */
    public static void acquire(Connection connection) throws SQLException {
        if (isHeld()) {
            return;
        }
        try (Statement lock = connection.createStatement()) {
            lock.execute("SELECT pg_advisory_xact_lock(" + KEY + ")");
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.bindResource(HELD, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(HELD);
                }
            });
        }
    }

    /** Takes the lock in the current Spring-managed transaction (on its connection), unless it holds it already. */
    public static void acquire(DataSource dataSource) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            acquire(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the append lock", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Whether the current Spring-managed transaction has taken the lock. */
    public static boolean isHeld() {
        return TransactionSynchronizationManager.hasResource(HELD);
    }
}
