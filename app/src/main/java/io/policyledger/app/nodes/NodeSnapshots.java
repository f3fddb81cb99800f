package io.policyledger.app.nodes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * A node's complete stream state, computed once and served to every watcher of that node that connects
 * within {@link NodeStreamProperties#snapshotWindow()} (a reconnect storm), as ready-made lines. Watchers
 * arriving while it is computed wait for that computation instead of starting their own. A snapshot a
 * little old is still right: the watch continues from its revision with the changes since.
 */
@Component
class NodeSnapshots {

    /** The watch events (ADDED, in dependency order) of a node's state at {@code revision}. */
    record Snapshot(long revision, List<String> lines) {}

    private static final class Entry {
        final CompletableFuture<Snapshot> snapshot = new CompletableFuture<>();
        volatile long doneAt;
    }

    private final NodeStreamSource source;
    private final long windowNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong computed = new AtomicLong();

    NodeSnapshots(NodeStreamSource source, NodeStreamProperties properties) {
        this.source = source;
        this.windowNanos = properties.snapshotWindow().toNanos();
    }

    /** The node's snapshot at {@code atLeast} or later (older ones cannot be resumed from any more). */
    Snapshot of(String node, long atLeast) {
        Entry mine = new Entry();
        Entry used = entries.compute(node, (n, old) -> old != null && usable(old, atLeast) ? old : mine);
        if (used == mine) {
            try {
                computed.incrementAndGet();
                NodeStreamSource.Lines state = source.after(node, -1);
                mine.doneAt = System.nanoTime();
                mine.snapshot.complete(new Snapshot(state.revision(), state.lines()));
            } catch (RuntimeException e) {
                entries.remove(node, mine);
                mine.snapshot.completeExceptionally(e);
            }
            if (entries.size() > 1024) {
                entries.values().removeIf(e -> !usable(e, 0));
            }
        }
        return used.snapshot.join();
    }

    /** How many snapshots were computed (not served): what a reconnect storm costs. */
    long computed() {
        return computed.get();
    }

    private boolean usable(Entry e, long atLeast) {
        if (!e.snapshot.isDone()) {
            return true;
        }
        return !e.snapshot.isCompletedExceptionally()
                && System.nanoTime() - e.doneAt < windowNanos
                && e.snapshot.join().revision() >= atLeast;
    }
}
