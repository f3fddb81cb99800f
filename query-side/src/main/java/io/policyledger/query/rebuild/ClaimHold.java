package io.policyledger.query.rebuild;

import io.policyledger.query.projection.ReadModels;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The live processors held where they are: their claims taken (with timestamps ahead, renewed), so that
 * none commits while a rebuild catches up, compares and switches; and given back.
 */
final class ClaimHold {

    private static final Logger log = LoggerFactory.getLogger(ClaimHold.class);
    private static final List<String> PROCESSORS = ReadModels.names();
    /**
     * How far ahead a held claim's timestamp is set: Axon takes a claim back once its timestamp plus the
     * claim timeout has passed, so a stall of the renewal (a pause, a slow connection) shorter than this
     * never lets a live processor in; a rebuild that died frees them after at most this long.
     */
    static final Duration HOLD_AHEAD = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    /**
     * Stamps the held claims. Axon judges a claim's age on its own (system) clock, so this must be the wall
     * clock too: the application's Clock bean is; a test that replaces it must keep it so.
     */
    private final Clock clock;

    private final TransactionTemplate inOneTransaction;

    ClaimHold(JdbcTemplate jdbc, Serializer serializer, Clock clock, TransactionTemplate inOneTransaction) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.clock = clock;
        this.inOneTransaction = inOneTransaction;
    }

    /** The live processors' tokens (a processor that never ran has none: then nothing to rebuild it from). */
    Map<String, GapAwareTrackingToken> liveTokens() {
        Map<String, GapAwareTrackingToken> tokens = new LinkedHashMap<>();
        for (String processor : PROCESSORS) {
            List<GapAwareTrackingToken> found = jdbc.query(
                    "SELECT token, token_type FROM token_entry " + "WHERE processor_name = ? AND segment = 0",
                    (rs, i) -> rs.getBytes("token") == null
                            ? null
                            : (GapAwareTrackingToken) serializer.deserialize(new SimpleSerializedObject<>(
                                    rs.getBytes("token"),
                                    byte[].class,
                                    new SimpleSerializedType(rs.getString("token_type"), null))),
                    processor);
            if (found.isEmpty() || found.get(0) == null) {
                throw new IllegalStateException("the " + processor + " projection has not started yet");
            }
            tokens.put(processor, found.get(0));
        }
        return tokens;
    }

    void awaitLiveAt(long position) throws InterruptedException {
        // A wait is measured on the monotonic clock: a test's fixed Clock must not make it endless.
        long deadline = System.nanoTime() + ProjectionRebuild.STALE.toNanos();
        while (liveTokens().values().stream().anyMatch(t -> t.getIndex() < position)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the live projections did not reach revision " + position + " within "
                        + ProjectionRebuild.STALE.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Takes the live processors' claims: a batch of theirs in flight finishes first (it holds the token row)
     * or fails to store its token and rolls back, and none is claimed again while the claims are held.
     * Answers their tokens, as last committed.
     */
    Map<String, GapAwareTrackingToken> hold(RebuildRun rebuild) {
        inOneTransaction.executeWithoutResult(tx -> {
            int held = jdbc.update(
                    "UPDATE token_entry SET owner = ?, timestamp = ? WHERE processor_name = ANY (?)",
                    rebuild.owner,
                    heldUntil(),
                    PROCESSORS.toArray(String[]::new));
            if (held != PROCESSORS.size()) {
                throw new IllegalStateException("the live projections have " + held + " tokens, not "
                        + PROCESSORS.size() + " (one has not started yet)");
            }
        });
        return liveTokens();
    }

    private String heldUntil() {
        return DateTimeUtils.formatInstant(clock.instant().plus(HOLD_AHEAD));
    }

    void renew(RebuildRun rebuild) {
        if (!rebuild.holding) {
            return;
        }
        try {
            int renewed =
                    jdbc.update("UPDATE token_entry SET timestamp = ? WHERE owner = ?", heldUntil(), rebuild.owner);
            if (renewed != PROCESSORS.size() && rebuild.holding) {
                rebuild.lost =
                        "a live projection took its claim back (" + renewed + " of " + PROCESSORS.size() + " held)";
            }
        } catch (RuntimeException e) {
            // The next renewal may succeed: the claims are held well ahead (HOLD_AHEAD).
            log.warn("rebuild {}: renewing the held claims failed: {}", rebuild.id, e.toString());
        }
    }

    /**
     * In the caller's transaction (locking the token rows and the rebuild's own row if asked): fails unless this
     * rebuild still holds every claim at the tokens it caught up to, and was not declared abandoned.
     */
    void requireHeld(RebuildRun rebuild, Map<String, GapAwareTrackingToken> live, boolean lock) {
        if (rebuild.lost != null) {
            throw new IllegalStateException(rebuild.lost + "; nothing was changed, try again");
        }
        List<String> owners = jdbc.queryForList(
                "SELECT owner FROM token_entry WHERE processor_name = ANY (?)" + (lock ? " FOR UPDATE" : ""),
                String.class,
                (Object) PROCESSORS.toArray(String[]::new));
        if (owners.size() != PROCESSORS.size()
                || !owners.stream().allMatch(rebuild.owner::equals)
                || !liveTokens().equals(live)) {
            throw new IllegalStateException("a live projection took its claim back; nothing was changed, try again");
        }
        List<Long> running = jdbc.queryForList(
                "SELECT id FROM projection_rebuild WHERE id = ? AND finished_at IS NULL" + (lock ? " FOR UPDATE" : ""),
                Long.class,
                rebuild.id);
        if (running.isEmpty()) {
            throw new IllegalStateException("this rebuild was declared abandoned; nothing was changed");
        }
    }

    void release(RebuildRun rebuild) {
        rebuild.holding = false;
        jdbc.update("UPDATE token_entry SET owner = NULL WHERE owner = ?", rebuild.owner);
    }
}
