package io.policyledger.app.nodes;

import io.policyledger.query.effective.EffectiveRulesProjection;
import io.policyledger.query.effective.NodeRulesReader;
import io.policyledger.query.position.ProjectionPositions;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells each open watch when its node's stream has something new, so that a thousand idle watches cost
 * one query per progress of the projection, not a thousand. One thread per instance follows the
 * effective-rules projection (woken at once when this instance runs it, by polling when another one
 * does), asks which nodes the new revisions touched, and wakes the watches of those nodes. A watch
 * never waits for another: waking one is setting a flag.
 *
 * <p>The same thread forgets removals older than the retained history (resuming from before that
 * answers 410 Expired).
 */
@Component
class NodeRuleFeed {

    private static final Logger log = LoggerFactory.getLogger(NodeRuleFeed.class);
    private static final long RETENTION_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** One open watch's wake-up flag. */
    static final class Subscription {
        final String node;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition woken = lock.newCondition();
        private boolean dirty = true;

        Subscription(String node) {
            this.node = node;
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
    }

    private final NodeRulesReader reader;
    private final NodeStreamProperties properties;
    private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean localAdvance;
    private long seen = -1;
    private long lastRetention;

    NodeRuleFeed(NodeRulesReader reader, ProjectionPositions positions, NodeStreamProperties properties) {
        this.reader = reader;
        this.properties = properties;
        positions.onAdvance(EffectiveRulesProjection.NAME, position -> signal());
        this.thread = new Thread(this::follow, "node-rule-feed");
        thread.setDaemon(true);
        thread.start();
    }

    Subscription subscribe(String node) {
        Subscription s = new Subscription(node);
        subscriptions.add(s);
        return s;
    }

    void unsubscribe(Subscription s) {
        subscriptions.remove(s);
    }

    int watchers(String node) {
        return (int) subscriptions.stream().filter(s -> s.node.equals(node)).count();
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
                    wakeChangedNodes();
                }
                if (System.nanoTime() - lastRetention > RETENTION_EVERY_NANOS) {
                    lastRetention = System.nanoTime();
                    forgetOldRemovals();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The database may be briefly unreachable: watches keep their bookmarks' pace meanwhile.
                log.warn("node rule feed: {}", e.toString());
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

    private void wakeChangedNodes() {
        long position = reader.position();
        if (position == seen) {
            return;
        }
        if (seen < 0 || position < seen) {
            // First look, or the read model was rebuilt: every watch checks for itself.
            subscriptions.forEach(Subscription::wake);
        } else {
            Set<String> nodes = reader.nodesChanged(seen, position);
            for (Subscription s : subscriptions) {
                if (nodes.contains(s.node)) {
                    s.wake();
                }
            }
        }
        seen = position;
    }

    /** Keeps removals for the retained revisions; a resume from before them can no longer be exact. */
    void forgetOldRemovals() {
        long cutoff = reader.position() - properties.retainedRevisions();
        if (cutoff > reader.horizon().revision()) {
            int dropped = reader.purgeRemovalsThrough(cutoff);
            log.info("node streams: removals through revision {} forgotten ({} rows); older resumes answer 410",
                    cutoff, dropped);
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
    void stop() {
        running = false;
        thread.interrupt();
    }
}
