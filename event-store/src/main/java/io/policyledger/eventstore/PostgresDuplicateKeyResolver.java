package io.policyledger.eventstore;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognizes PostgreSQL's unique-violation (SQLSTATE 23505). Axon's default JDBC resolver only knows
 * {@link java.sql.SQLIntegrityConstraintViolationException}, which pgjdbc never throws; without this, two
 * writers appending the same (aggregate, sequence) would surface as a generic error instead of a
 * concurrency conflict.
 */
final class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
