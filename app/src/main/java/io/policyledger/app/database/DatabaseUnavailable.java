package io.policyledger.app.database;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means the database cannot be reached (rather than a bug): the request is then refused
 * with 503 and Retry-After instead of 500, and the client retries. Connection failures are told by type
 * and by SQL state (class 08: connection exception; 57P01–57P03: the server is shutting down or starting;
 * 53300: too many connections),
 * and by the connection pool's "Connection is closed". A failed commit is one of them: its transaction was
 * not committed, as the server rolls back what a lost connection left open.
 */
public final class DatabaseUnavailable {

    /** How long a request waits for a connection before it is refused. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    /** What clients are told to wait before retrying. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private DatabaseUnavailable() {}

    /** The answer to a request refused because the database cannot be reached. */
    public static io.policyledger.app.api.Status status() {
        return io.policyledger.app.api.Status.failure(
                503,
                "ServiceUnavailable",
                "the database is unavailable; retry "
                        + "later (a write refused this way was not stored, unless the connection was lost as it committed: "
                        + "reading the object tells)",
                null);
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof CannotGetJdbcConnectionException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof ConnectException) {
                return true;
            }
            // Not every DataAccessResourceFailureException: Spring maps deterministic failures (program limits,
            // class 54) to it too, and a client must not retry those forever.
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08")
                            || sql.getSQLState().matches("57P0[123]")
                            || sql.getSQLState().equals("53300"))) {
                return true;
            }
            // The pool's answer for a connection it closed because the server went away (it gives no SQL state).
            if (t instanceof SQLException sql
                    && sql.getSQLState() == null
                    && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
