package io.policyledger.app.audit;

import io.policyledger.app.security.AuditKey;
import io.policyledger.eventstore.EventChain;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Signs the head of the event log's hash chain at intervals (and on request), so that a log edited and
 * re-linked by someone with database access no longer matches what the server signed. Every instance
 * may sign; one checkpoint per revision is kept. The signed message is plain text, so an auditor can
 * check it with openssl and the exported public key:
 * <pre>
 *   policy-ledger event chain checkpoint
 *   revision 1234
 *   link 3f1c…(64 hex digits)
 * </pre>
 */
@Component
public class ChainCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(ChainCheckpoints.class);

    /** A signed checkpoint as stored. */
    public record Checkpoint(
            long revision, byte[] link, String algorithm, String keyId, byte[] signature, Instant signedAt) {
        public String message() {
            return ChainCheckpoints.message(revision, link);
        }
    }

    private final EventChain chain;
    private final JdbcTemplate jdbc;
    private final AuditKey key;
    private final Clock clock;
    private final java.time.Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chain-checkpoints");
        t.setDaemon(true);
        return t;
    });

    ChainCheckpoints(
            DataSource dataSource,
            JdbcTemplate jdbc,
            AuditKey key,
            Clock clock,
            @Value("${policy-ledger.audit.checkpoint-interval:60s}") java.time.Duration interval) {
        this.chain = new EventChain(dataSource);
        this.jdbc = jdbc;
        this.key = key;
        this.clock = clock;
        this.interval = interval;
    }

    /**
     * Signing starts once the service is ready, not when this bean is made: before that, a restore may be
     * relinking the chain (LogRestore), and a head signed from the links it is replacing would stand as a
     * false alarm for good.
     */
    @EventListener(ApplicationReadyEvent.class)
    void startSigning() {
        timer.scheduleWithFixedDelay(this::quietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    static String message(long revision, byte[] link) {
        return "policy-ledger event chain checkpoint\nrevision " + revision + "\nlink "
                + HexFormat.of().formatHex(link) + "\n";
    }

    /** Signs the chain's head unless it is signed already; answers the newest checkpoint (null: empty log). */
    public Checkpoint now() throws SQLException {
        EventChain.Head head = chain.head();
        if (head.revision() > 0) {
            byte[] signature = key.sign(message(head.revision(), head.link()).getBytes(StandardCharsets.UTF_8));
            jdbc.update(
                    """
                    INSERT INTO event_chain_checkpoint (global_index, link, algorithm, key_id, signature, signed_at)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (global_index) DO NOTHING
                    """,
                    head.revision(),
                    head.link(),
                    AuditKey.ALGORITHM,
                    key.keyId(),
                    signature,
                    Timestamp.from(clock.instant()));
        }
        List<Checkpoint> newest = list(1);
        return newest.isEmpty() ? null : newest.get(0);
    }

    /** The newest {@code limit} checkpoints, newest first. */
    public List<Checkpoint> list(int limit) {
        return list(jdbc, limit);
    }

    static List<Checkpoint> list(JdbcTemplate jdbc, int limit) {
        return jdbc.query(
                "SELECT global_index, link, algorithm, key_id, signature, signed_at FROM event_chain_checkpoint "
                        + "ORDER BY global_index DESC LIMIT ?",
                (rs, i) -> new Checkpoint(
                        rs.getLong(1),
                        rs.getBytes(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBytes(5),
                        rs.getTimestamp(6).toInstant()),
                limit);
    }

    private void quietly() {
        try {
            now();
        } catch (Exception e) {
            // The database may be briefly unavailable; the next interval signs what this one missed.
            log.warn("event chain checkpoint not signed: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
