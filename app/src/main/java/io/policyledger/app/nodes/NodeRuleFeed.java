package io.policyledger.app.nodes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.policyledger.query.effective.EffectiveRulesProjection;
import io.policyledger.query.effective.NodeRulesReader;
import io.policyledger.query.position.ProjectionPositions;
import jakarta.annotation.PreDestroy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Pushes each change of the rules to the watches of the nodes it touches, rendered once per node and
 * starting revision. One thread per instance follows the effective-rules projection (told at once of
 * its progress, on this instance or another, by {@link ProjectionPositions}), and on each advance, in one
 * snapshot of the read model:
 * <pre>
 *   position P, nodes changed since the last advance
 *   for each node with watches here, for each revision its watches have everything up to (usually one):
 *       nothing changed for it   --> an empty round: the watches are at P without a byte sent
 *       otherwise                --> the round's events + BOOKMARK P, rendered once, the same bytes for all
 *   hand each watch its round (a reference; it writes on its own thread)
 * </pre>
 * A watch never waits for another: handing over is setting a field, and each watch writes its bytes on
 * its own thread, so a slow agent delays nobody. A watch that missed a round (it was busy writing the
 * previous one) is offered the next one from where it actually is, or reads its own.
 *
 * <p>The same thread forgets removals older than the retained history (resuming from before that
 * answers 410 Expired).
 */
@Component
class NodeRuleFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeRuleFeed.class);
    private static final long RETENTION_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** What a watch at {@code from} sends to be at {@code revision}: nothing (empty) or ready-made bytes. */
    record Round(long from, long revision, byte[] bytes, NodeRulesReader.Horizon horizon) {
        boolean isEmpty() {
            return bytes == null;
        }
    }

    /** One open watch: where it is, and the round handed to it. */
    static final class Subscription {
        final String node;
        /** The horizon the watch was opened against: a rebuild or purge after it ends the watch. */
        final NodeRulesReader.Horizon admitted;

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition woken = lock.newCondition();
        /** The revision the watch has everything up to; negative until its snapshot is sent. */
        private volatile long delivered = -1;

        private Round offered;
        private boolean dirty;

        Subscription(String node, NodeRulesReader.Horizon admitted) {
            this.node = node;
            this.admitted = admitted;
        }

        long delivered() {
            return delivered;
        }

        /** Called by the watch after it sent everything up to {@code revision}. */
        void delivered(long revision) {
            delivered = revision;
        }

        void offer(Round round) {
            lock.lock();
            try {
                offered = round;
                dirty = true;
                woken.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void wake() {
            lock.lock();
            try {
                dirty = true;
                woken.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Waits until woken or {@code timeout} passed; true if woken. Clears the flag. */
        boolean await(Duration timeout) throws InterruptedException {
            long remaining = timeout.toNanos();
            lock.lock();
            try {
                while (!dirty && remaining > 0) {
                    remaining = woken.awaitNanos(remaining);
                }
                boolean was = dirty;
                dirty = false;
                return was;
            } finally {
                lock.unlock();
            }
        }

        /** The round handed over since the last call, if any. */
        Round take() {
            lock.lock();
            try {
                Round r = offered;
                offered = null;
                return r;
            } finally {
                lock.unlock();
            }
        }
    }

    private final NodeStreamSource source;
    private final NodeRulesReader reader;
    private final NodeRulesPresenter presenter;
    private final NodeStreamProperties properties;
    private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean localAdvance;
    private long seen = -1;
    private long lastRetention;

    NodeRuleFeed(
            NodeStreamSource source,
            NodeRulesReader reader,
            NodeRulesPresenter presenter,
            ProjectionPositions positions,
            NodeStreamProperties properties,
            MeterRegistry registry) {
        this.source = source;
        this.reader = reader;
        this.presenter = presenter;
        this.properties = properties;
        this.registry = registry;
        Gauge.builder("policyledger.node.watches", subscriptions, Set::size)
                .description("agents' rule-stream watches open on this instance")
                .register(registry);
        this.rounds = Timer.builder("policyledger.node.rounds")
                .description("from the projection's advance to every watch of this instance handed its round")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        positions.onAdvance(EffectiveRulesProjection.NAME, position -> signal());
        this.thread = new Thread(this::follow, "node-rule-feed");
        thread.setDaemon(true);
        thread.start();
    }

    Subscription subscribe(String node, NodeRulesReader.Horizon admitted) {
        Subscription s = new Subscription(node, admitted);
        subscriptions.add(s);
        // Per node too, while the node has watches here.
        Gauge.builder("policyledger.node.watches.by.node", this, f -> f.watchers(node))
                .tag("node", node)
                .description("watches of one node's rule stream open on this instance")
                .register(registry);
        return s;
    }

    private final MeterRegistry registry;
    private final Timer rounds;

    void unsubscribe(Subscription s) {
        subscriptions.remove(s);
        if (watchers(s.node) == 0) {
            Gauge gone = registry.find("policyledger.node.watches.by.node")
                    .tag("node", s.node)
                    .gauge();
            if (gone != null) {
                registry.remove(gone);
            }
        }
    }

    int watchers(String node) {
        return (int) subscriptions.stream().filter(s -> s.node.equals(node)).count();
    }

    /** A watch has sent its snapshot: the next advance brings it a round (sooner if one is due now). */
    void joined() {
        signal();
    }

    private void signal() {
        lock.lock();
        try {
            localAdvance = true;
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void follow() {
        lastRetention = System.nanoTime();
        while (running) {
            try {
                awaitAdvance();
                if (!subscriptions.isEmpty()) {
                    rounds.record(this::pushRounds);
                }
                if (System.nanoTime() - lastRetention > RETENTION_EVERY_NANOS) {
                    lastRetention = System.nanoTime();
                    forgetOldRemovals();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The database may be briefly unreachable: watches keep their bookmarks' pace meanwhile,
                // and read their own rounds when they find a newer revision than they have.
                log.warn("node rule feed: {}", e.toString());
                subscriptions.forEach(Subscription::wake);
                seen = -1;
                sleepQuietly();
            }
        }
    }

    private void awaitAdvance() throws InterruptedException {
        lock.lock();
        try {
            if (!localAdvance) {
                advanced.await(properties.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
            }
            localAdvance = false;
        } finally {
            lock.unlock();
        }
    }

    /** One advance: every watch behind the projection gets the round that takes it to the new position. */
    private void pushRounds() {
        List<Subscription> watching =
                subscriptions.stream().filter(s -> s.delivered() >= 0).toList();
        Map<Subscription, Round> handed = reader.inOneSnapshot(() -> {
            long position = reader.position();
            NodeRulesReader.Horizon horizon = reader.horizon();
            Map<Subscription, Round> out = new HashMap<>();
            // A rebuild or a purge of old history since a watch was opened (or since it joined, whenever
            // that was): an empty round carrying the horizon ends it, as its own check decides.
            for (Subscription s : watching) {
                if (s.admitted.generation() != horizon.generation() || s.delivered() < horizon.revision()) {
                    out.put(s, new Round(s.delivered(), s.delivered(), null, horizon));
                }
            }
            boolean caughtUp = watching.stream().allMatch(s -> s.delivered() >= position);
            if (caughtUp && position == seen) {
                return out;
            }
            // First look, or the read model was rebuilt (it went back): nothing is known to be unchanged.
            Set<String> changed = seen < 0 || position < seen ? null : reader.nodesChanged(seen, position);
            Map<Long, Set<String>> toRead = new HashMap<>();
            Map<NodeRulesReader.NodeAfter, List<Subscription>> readers = new HashMap<>();
            for (Subscription s : watching) {
                long at = s.delivered();
                if (at >= position || out.containsKey(s)) {
                    continue;
                }
                if (changed != null && at == seen && !changed.contains(s.node)) {
                    out.put(s, new Round(at, position, null, horizon));
                } else {
                    toRead.computeIfAbsent(at, a -> new HashSet<>()).add(s.node);
                    readers.computeIfAbsent(new NodeRulesReader.NodeAfter(s.node, at), k -> new ArrayList<>())
                            .add(s);
                }
            }
            if (!toRead.isEmpty()) {
                source.rounds(toRead).forEach((key, lines) -> {
                    Round round = rendered(key, lines);
                    readers.getOrDefault(key, List.of()).forEach(s -> out.put(s, round));
                });
            }
            seen = position;
            return out;
        });
        handed.forEach(Subscription::offer);
    }

    /** The round as bytes: its events, then the BOOKMARK at its revision (nothing if it changes nothing). */
    Round rendered(NodeRulesReader.NodeAfter key, NodeStreamSource.Lines lines) {
        if (lines.lines().isEmpty()) {
            return new Round(key.after(), lines.revision(), null, lines.horizon());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String line : lines.lines()) {
            bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            bytes.write('\n');
        }
        bytes.writeBytes(presenter
                .event("BOOKMARK", presenter.bookmark(key.node(), lines.revision(), false))
                .toString()
                .getBytes(StandardCharsets.UTF_8));
        bytes.write('\n');
        return new Round(key.after(), lines.revision(), bytes.toByteArray(), lines.horizon());
    }

    /** Keeps removals for the retained revisions; a resume from before them can no longer be exact. */
    void forgetOldRemovals() {
        long cutoff = reader.position() - properties.retainedRevisions();
        if (cutoff > reader.horizon().revision()) {
            int dropped = reader.purgeRemovalsThrough(cutoff);
            log.info(
                    "node streams: removals through revision {} forgotten ({} rows); older resumes answer 410",
                    cutoff,
                    dropped);
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(properties.pollInterval().toMillis() * 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void stopFollowing() {
        running = false;
        thread.interrupt();
    }

    /** Whether the instance is shutting down: watches end with a BOOKMARK their agents resume from elsewhere. */
    boolean draining() {
        return draining;
    }

    private volatile boolean draining;

    /**
     * The first thing a shutdown does (the highest phase stops first, before the web server's graceful
     * shutdown): every watch is woken to end with a BOOKMARK at what it has sent, so that the server does
     * not wait out its grace period for streams that would otherwise last up to 30 minutes.
     */
    @Override
    public void stop() {
        draining = true;
        subscriptions.forEach(Subscription::wake);
    }

    /** A context stopped and started again serves watches again. */
    @Override
    public void start() {
        draining = false;
    }

    @Override
    public boolean isRunning() {
        return !draining;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
