package io.policyledger.app.audit;

import io.policyledger.app.security.AuditKey;
import io.policyledger.eventstore.EventChain;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether the event log is what was stored: every event against its link ({@link EventChain}), and every
 * signed checkpoint against the server's key and against the chain recomputed from the events as they
 * are now. Reads the database only, so it also runs where the service does not.
 */
public final class LogVerifier {

    /** A checkpoint that does not hold, and why. */
    public record FailedCheckpoint(long revision, String problem) {}

    public record Result(
            EventChain.Verification chain,
            int checkpoints,
            List<FailedCheckpoint> failedCheckpoints,
            long durationMillis) {
        public boolean intact() {
            return chain.intact() && failedCheckpoints.isEmpty();
        }
    }

    private final EventChain chain;
    private final JdbcTemplate jdbc;
    private final AuditKey key;
    private final int maxProblems;

    public LogVerifier(DataSource dataSource, AuditKey key, int maxProblems) {
        this.chain = new EventChain(dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
        this.key = key;
        this.maxProblems = maxProblems;
    }

    public Result verify() throws SQLException {
        long started = System.nanoTime();
        List<ChainCheckpoints.Checkpoint> signed = ChainCheckpoints.list(jdbc, Integer.MAX_VALUE);
        Set<Long> at =
                signed.stream().map(ChainCheckpoints.Checkpoint::revision).collect(Collectors.toSet());
        EventChain.Verification verification = chain.verify(at, maxProblems);
        List<FailedCheckpoint> failed = new ArrayList<>();
        for (ChainCheckpoints.Checkpoint c : signed) {
            String problem = null;
            if (!key.keyId().equals(c.keyId())
                    || !key.verify(c.message().getBytes(StandardCharsets.UTF_8), c.signature())) {
                problem = "its signature is not the server's";
            } else if (!verification.recomputed().containsKey(c.revision())) {
                problem = "the event it signed is no longer in the log";
            } else if (!Arrays.equals(verification.recomputed().get(c.revision()), c.link())) {
                problem = "the log up to it is not the log that was signed (an event at or before it was changed, "
                        + "added or removed, and the chain re-linked)";
            }
            if (problem != null) {
                failed.add(new FailedCheckpoint(c.revision(), problem));
            }
        }
        return new Result(verification, signed.size(), List.copyOf(failed), (System.nanoTime() - started) / 1_000_000);
    }
}
