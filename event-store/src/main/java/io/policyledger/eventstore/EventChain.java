package io.policyledger.eventstore;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The event log's hash chain (kept by the database as events are stored, see V8__event_chain.sql),
 * recomputed here from the stored events alone to find where the log no longer is what was stored.
 *
 * <pre>
 *   for each revision in order:   event row?  link row?
 *     both, link(previous stored link, event) == stored link   ok
 *     both, differs                                             edited (or an event just before it deleted)
 *     link only                                                 deleted
 *     event only                                                added without a link (outside the server)
 * </pre>
 * Each row is checked against the stored link before it, so every edit is found where it is, not only the
 * first. The chain recomputed from the events alone is also kept at the revisions asked for, to compare
 * with signed checkpoints: a log edited and re-linked by whoever edited it matches its own links, but
 * not what was signed.
 */
public final class EventChain {

    public static final byte[] GENESIS = new byte[32];

    /** Where the log is not what was stored, and how. */
    public record Problem(long revision, String what) {}

    /**
     * @param events         event rows read
     * @param head           the last revision (0: empty log) and its stored link
     * @param recomputed     the chain computed from the events alone, at the revisions asked for
     */
    public record Verification(
            long events,
            long head,
            byte[] headLink,
            List<Problem> problems,
            boolean truncated,
            Map<Long, byte[]> recomputed) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private final DataSource dataSource;

    public EventChain(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Recomputes the whole chain; reports at most {@code maxProblems} problems. */
    public Verification verify(Set<Long> recomputeAt, int maxProblems) throws SQLException {
        List<Problem> problems = new ArrayList<>();
        Map<Long, byte[]> recomputed = new HashMap<>();
        boolean truncated = false;
        long events = 0;
        long head = 0;
        byte[] headLink = GENESIS;
        byte[] previousStored = GENESIS;
        byte[] pure = GENESIS;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams a result (fetch size) only inside a transaction
            c.setReadOnly(true);
            try (PreparedStatement read = c.prepareStatement("""
                    SELECT coalesce(e.global_index, l.global_index) AS revision, e.global_index IS NOT NULL AS stored,
                           e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type, e.time_stamp,
                           e.payload_type, e.payload_revision, e.payload, e.meta_data, l.link
                    FROM domain_event_entry e FULL OUTER JOIN event_chain l ON l.global_index = e.global_index
                    ORDER BY 1""")) {
                read.setFetchSize(2000);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        long revision = rs.getLong("revision");
                        byte[] stored = rs.getBytes("link");
                        head = revision;
                        Problem problem = null;
                        if (!rs.getBoolean("stored")) {
                            problem = new Problem(revision, "the event was deleted (its link remains)");
                        } else {
                            events++;
                            byte[] fields = fields(rs);
                            pure = sha256(pure, fields);
                            if (recomputeAt.contains(revision)) {
                                recomputed.put(revision, pure);
                            }
                            if (stored == null) {
                                problem = new Problem(
                                        revision,
                                        "the event has no link: it was added to the log " + "outside the server");
                                stored = sha256(previousStored, fields);
                            } else if (!Arrays.equals(sha256(previousStored, fields), stored)) {
                                problem = new Problem(
                                        revision,
                                        "the event does not match its link: it was changed "
                                                + "or moved after it was stored, or the event just before it was deleted");
                            }
                        }
                        if (problem != null) {
                            if (problems.size() < maxProblems) {
                                problems.add(problem);
                            } else {
                                truncated = true;
                            }
                        }
                        previousStored = stored;
                        headLink = stored;
                    }
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(autoCommit);
            }
        }
        return new Verification(events, head, headLink, List.copyOf(problems), truncated, Map.copyOf(recomputed));
    }

    /** The newest link: what a checkpoint signs. */
    public record Head(long revision, byte[] link) {}

    public Head head() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement read = c.prepareStatement(
                        "SELECT global_index, link FROM event_chain ORDER BY global_index DESC LIMIT 1");
                ResultSet rs = read.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getBytes(2)) : new Head(0, GENESIS);
        }
    }

    /** The bytes V8__event_chain.sql hashes after the previous link, in the same order and encoding. */
    private static byte[] fields(ResultSet rs) throws SQLException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
        DataOutputStream out = new DataOutputStream(buffer);
        try {
            out.writeLong(rs.getLong("revision"));
            text(out, rs.getString("event_identifier"));
            text(out, rs.getString("aggregate_identifier"));
            out.writeLong(rs.getLong("sequence_number"));
            text(out, rs.getString("type"));
            text(out, rs.getString("time_stamp"));
            text(out, rs.getString("payload_type"));
            text(out, rs.getString("payload_revision"));
            bytes(out, rs.getBytes("payload"));
            bytes(out, rs.getBytes("meta_data"));
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return buffer.toByteArray();
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        bytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Big-endian length (-1 for null), then the bytes: PostgreSQL's int4send || value. */
    private static void bytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    private static byte[] sha256(byte[] previous, byte[] fields) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previous);
            digest.update(fields);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
