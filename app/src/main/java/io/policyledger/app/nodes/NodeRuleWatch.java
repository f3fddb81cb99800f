package io.policyledger.app.nodes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.PolicyLedgerProperties;
import io.policyledger.app.api.Status;
import io.policyledger.query.effective.EffectiveRulesProjection;
import io.policyledger.query.effective.NodeRulesReader;
import io.policyledger.query.position.ProjectionPositions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One agent's watch of its node's rules, written as newline-delimited watch events:
 * <pre>
 *   no resourceVersion:  ADDED (every peer set, then every pod's rules) ... BOOKMARK R (initial-events-end)
 *   then, per change:    MODIFIED (peer sets, then rules) ... DELETED (rules, then peer sets) ... BOOKMARK R'
 *   when quiet:          BOOKMARK every bookmark interval (the heartbeat)
 * </pre>
 * A BOOKMARK closes a round: the agent has everything up to its revision once it has applied what came
 * before it, and that is the revision to resume from. Rounds are handed over by the {@link NodeRuleFeed},
 * rendered once for every watch of the node at the same revision, and nothing is queued: a watch that
 * falls behind is handed (or reads itself) the net changes since what it was last sent, and one that stops
 * reading blocks only its own thread until the server's connection timeout cuts it off. Heartbeats cost
 * no query: the feed keeps a quiet watch's revision moving with empty rounds.
 */
@Component
class NodeRuleWatch {

    private static final Logger log = LoggerFactory.getLogger(NodeRuleWatch.class);

    private final NodeStreamSource source;
    private final NodeSnapshots snapshots;
    private final NodeRuleFeed feed;
    private final NodeRulesPresenter presenter;
    private final NodeStreamProperties properties;
    private final ProjectionPositions positions;
    private final PolicyLedgerProperties ledger;
    private final ObjectMapper json = new ObjectMapper();

    NodeRuleWatch(
            NodeStreamSource source,
            NodeSnapshots snapshots,
            NodeRuleFeed feed,
            NodeRulesPresenter presenter,
            NodeStreamProperties properties,
            ProjectionPositions positions,
            PolicyLedgerProperties ledger) {
        this.source = source;
        this.snapshots = snapshots;
        this.feed = feed;
        this.presenter = presenter;
        this.properties = properties;
        this.positions = positions;
        this.ledger = ledger;
    }

    /**
     * Streams node {@code node}'s rules from revision {@code from} (negative: a snapshot first) until
     * {@code timeout}, or until {@code credentialLive} says the credential that opened it is no longer good.
     * {@code horizon} is what the request was admitted against: a rebuild after it ends the watch.
     */
    void stream(
            String node,
            long from,
            NodeRulesReader.Horizon horizon,
            Duration timeout,
            BooleanSupplier credentialLive,
            OutputStream raw)
            throws IOException {
        OutputStream out = new BufferedOutputStream(raw, 64 * 1024);
        NodeRuleFeed.Subscription subscription = feed.subscribe(node, horizon);
        long deadline = System.nanoTime() + timeout.toNanos();
        long bookmarkNanos = properties.bookmarkInterval().toNanos();
        try {
            long delivered = from;
            if (from < 0) {
                // During a rebuild the read model is history being replayed: a snapshot waits for its end.
                if (!positions.await(
                        EffectiveRulesProjection.NAME, horizon.rebuiltAt(), ledger.readYourWritesTimeout())) {
                    writeError(
                            out,
                            Status.failure(
                                    503,
                                    "ServiceUnavailable",
                                    "the rules are being rebuilt from the " + "log; list again shortly",
                                    null));
                    return;
                }
                // Shared with the node's other watchers, if one was taken at the newest revision known here.
                NodeSnapshots.Snapshot snapshot = snapshots.of(
                        node,
                        Math.max(
                                Math.max(horizon.revision(), horizon.rebuiltAt()),
                                positions.known(EffectiveRulesProjection.NAME)));
                for (String line : snapshot.lines()) {
                    write(out, line);
                }
                write(
                        out,
                        presenter
                                .event("BOOKMARK", presenter.bookmark(node, snapshot.revision(), true))
                                .toString());
                out.flush();
                delivered = snapshot.revision();
            }
            subscription.delivered(delivered);
            feed.joined();
            // A resumed watch answers at once (its first round ends with a BOOKMARK even if nothing changed),
            // so the agent knows the connection works without waiting for the first heartbeat.
            long lastWrite = from < 0 ? System.nanoTime() : System.nanoTime() - bookmarkNanos;
            long lastCheck = System.nanoTime();
            while (System.nanoTime() < deadline && !feed.draining()) {
                long untilBookmark = Math.max(1, bookmarkNanos - (System.nanoTime() - lastWrite));
                subscription.await(
                        Duration.ofNanos(Math.min(untilBookmark, Math.max(1, deadline - System.nanoTime()))));
                // The credential is asked once per heartbeat, not per round: a thousand agents, one change.
                if (System.nanoTime() - lastCheck >= bookmarkNanos) {
                    if (!credentialLive.getAsBoolean()) {
                        writeError(
                                out,
                                Status.failure(
                                        401,
                                        "Unauthorized",
                                        "the credential that opened this watch was " + "revoked or has expired",
                                        null));
                        return;
                    }
                    lastCheck = System.nanoTime();
                }
                NodeRuleFeed.Round round = subscription.take();
                if (round == null || round.from() != delivered) {
                    // Nothing handed over, or it was made for where this watch was before: read our own round
                    // if the rules have moved past what we sent.
                    round = positions.known(EffectiveRulesProjection.NAME) > delivered
                            ? ownRound(node, delivered)
                            : null;
                }
                if (round != null) {
                    // Checked against the horizon read with the round: the round counts only if it still holds.
                    if (round.horizon().generation() != horizon.generation()
                            || delivered < round.horizon().revision()) {
                        writeError(out, expired(delivered));
                        return;
                    }
                    if (!round.isEmpty()) {
                        out.write(round.bytes());
                        out.flush();
                        lastWrite = System.nanoTime();
                    }
                    delivered = Math.max(delivered, round.revision());
                    subscription.delivered(delivered);
                }
                if (System.nanoTime() - lastWrite >= bookmarkNanos) {
                    write(
                            out,
                            presenter
                                    .event("BOOKMARK", presenter.bookmark(node, delivered, false))
                                    .toString());
                    out.flush();
                    lastWrite = System.nanoTime();
                }
            }
            if (feed.draining()) {
                // This instance is shutting down: the agent resumes from here on another (or on this one, back).
                write(
                        out,
                        presenter
                                .event("BOOKMARK", presenter.bookmark(node, delivered, false))
                                .toString());
                out.flush();
            }
        } catch (IOException e) {
            // The agent went away (or was cut off): it resumes from its last bookmark when it comes back.
            log.debug("watch of node {} ended: {}", node, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            feed.unsubscribe(subscription);
        }
    }

    /** The round from {@code delivered} read for this watch alone, rendered as the feed renders its rounds. */
    private NodeRuleFeed.Round ownRound(String node, long delivered) {
        return feed.rendered(new NodeRulesReader.NodeAfter(node, delivered), source.after(node, delivered));
    }

    static Status expired(long revision) {
        return Status.failure(
                410,
                "Expired",
                "too old resource version: " + revision
                        + " (the node's stream no longer reaches back that far; list again)",
                null);
    }

    private void writeError(OutputStream out, Status status) throws IOException {
        write(
                out,
                json.createObjectNode()
                        .put("type", "ERROR")
                        .set("object", json.valueToTree(status))
                        .toString());
        out.flush();
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }
}
