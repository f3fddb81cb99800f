package io.policyledger.app.restore;

import io.policyledger.command.lookup.CommandLookupTables;
import io.policyledger.command.lookup.CommandLookups;
import io.policyledger.eventstore.AppendLock;
import io.policyledger.eventstore.EventLog;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finishes a restore that {@code prepare-restore} began and pg_restore loaded (V14__log_restore.sql):
 * at start, before the projections run and before any request is served, in one transaction under the
 * append lock (so of several instances starting at once, one finishes and the others find it done). The
 * projections then replay the log from its start, as on any database they have not read yet.
 */
@Component
class LogRestore implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(LogRestore.class);

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final LookupsFromLog fromLog;
    private final CommandLookupTables tables;

    LogRestore(
            JdbcTemplate jdbc,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            LookupsFromLog fromLog,
            CommandLookupTables tables) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactions);
        this.fromLog = fromLog;
        this.tables = tables;
    }

    @Override
    public void afterPropertiesSet() {
        if (pendingGap().isEmpty() && !loadedWithoutPreparing()) {
            return;
        }
        transaction.executeWithoutResult(status -> finish());
    }

    private List<Long> pendingGap() {
        return jdbc.queryForList("SELECT revision_gap FROM log_restore WHERE finished_at IS NULL", Long.class);
    }

    /**
     * A log nothing was ever derived from: events, but no projection ever started here, no command side
     * table holds a row and no restore was recorded. That is a dump loaded without {@code prepare-restore}
     * (or one whose prepare stopped between the schema and its record). Served as it is, it would enforce
     * no address, reserved name or credential, and reuse revisions clients hold; it is restored instead.
     */
    private boolean loadedWithoutPreparing() {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM domain_event_entry) AND NOT EXISTS (SELECT 1 FROM token_entry)
                       AND NOT EXISTS (SELECT 1 FROM log_restore)""", Boolean.class)) && tables.allEmpty();
    }

    private void finish() {
        AppendLock.acquire(dataSource);
        List<Long> gap = pendingGap();
        if (gap.isEmpty()) {
            if (!loadedWithoutPreparing()) {
                return; // another instance finished it while this one waited for the lock
            }
            log.warn("the event log was loaded without prepare-restore: restoring it now");
            jdbc.update(
                    "INSERT INTO log_restore (prepared_at, revision_gap) VALUES (now(), ?)",
                    PrepareRestoreCommand.DEFAULT_REVISION_GAP);
            gap = pendingGap();
        }
        long head = new EventLog(jdbc).head();
        if (head == 0) {
            throw new IllegalStateException("a restore was prepared but no log was loaded: load the dump "
                    + "(pg_restore --data-only --dbname=… ledger.dump, README \"Backups\") and start again");
        }
        if (!tables.allEmpty()) {
            throw new IllegalStateException("a restore was prepared but the command side's tables already hold "
                    + "rows: restore into a new database (prepare-restore, then pg_restore, then start)");
        }
        long t0 = System.nanoTime();
        Long linked = jdbc.queryForObject("SELECT event_chain_relink()", Long.class);
        CommandLookups lookups = fromLog.derive();
        tables.write(lookups);
        long continuesAt = head + gap.get(0);
        jdbc.queryForObject(
                "SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'), ?)",
                Long.class,
                continuesAt - 1);
        jdbc.update(
                "UPDATE log_restore SET finished_at = now(), restored_head = ?, continues_at = ? "
                        + "WHERE finished_at IS NULL",
                head,
                continuesAt);
        log.info(
                "restore finished in {} ms: {} events up to revision {} linked, {} namespaces, {} tenants, {} "
                        + "credentials; the log continues at revision {} (resuming from a revision in between "
                        + "answers 410)",
                (System.nanoTime() - t0) / 1_000_000,
                linked,
                head,
                lookups.namespaces().size(),
                lookups.tenants().size(),
                lookups.tokens().size(),
                continuesAt);
    }
}
