package io.policyledger.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** What counts as "the database cannot be reached" (503), and what does not (a bug, a conflict). */
class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAnywhereInTheCauseChainCount() {
        assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException("no connection")))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(
                        new TransactionSystemException("JDBC commit failed", new SQLException("Connection is closed"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException(
                        "cannot take the append lock",
                        new SQLException("An I/O error occurred while sending to the backend.", "08006"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(
                        new SQLException("terminating connection due to " + "administrator command", "57P01"))))
                .isTrue();
    }

    @Test
    void otherFailuresDoNot() {
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("a bug")))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new DataIntegrityViolationException(
                        "duplicate key", new SQLException("duplicate key value violates unique constraint", "23505"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException(
                        "JDBC commit failed", new SQLException("could not serialize access", "40001"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("Connection is closed", "XX000")))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new org.springframework.dao.DataAccessResourceFailureException(
                        "index row too large", new SQLException("index row size exceeds maximum", "54000"))))
                .isFalse();
    }
}
