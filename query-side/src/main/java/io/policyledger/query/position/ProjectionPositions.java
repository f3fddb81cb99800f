package io.policyledger.query.position;

import io.policyledger.eventstore.EventLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far each projection has read the event log, and a way to wait until it has read far enough.
 *
 * <p>The position is written in the projection's own transaction, so a reader that sees position N also
 * sees every row change up to event N. That is all changes of the log up to N, because events take their
 * global index in commit order (see the event store's ordered append) and are applied in that order.
 * Waiting is what gives read-your-writes: after a command is stored at global index N, the API waits for
 * the projection to reach N before answering.
 *
 * <pre>
 *   projection commits batch up to N --afterCommit--> advance(N)          (this instance runs it)
 *   any instance commits position N  --NOTIFY-->  PositionNotifications --> advance(N)   (every instance)
 *   advance(N) --> wakes exactly the waiters for positions &lt;= N, and the onAdvance listeners
 * </pre>
 * A waiter sleeps until its own position is reached, not until anything moves. While notifications are
 * not flowing (no listening connection yet, or it broke), waiters poll the stored position instead.
 */
@Component
public class ProjectionPositions {

    /** How often a waiter looks at the stored position when notifications do not flow. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How often it looks anyway when they do: a lost notification costs at most this much. */
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final JdbcTemplate jdbc;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private final Map<String, List<LongConsumer>> listeners = new ConcurrentHashMap<>();
    private volatile boolean notificationsFlowing;

    public ProjectionPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Called by a projection's event handler, inside its transaction, after applying event {@code position}. */
    public void record(String projection, long position) {
        jdbc.update(
                "INSERT INTO projection_position (projection, position) VALUES (?, ?) "
                        + "ON CONFLICT (projection) DO UPDATE SET position = GREATEST(projection_position.position, "
                        + "EXCLUDED.position)",
                projection,
                position);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> advance(projection, position));
        } else {
            advance(projection, position);
        }
    }

    /**
     * As {@link #record}, written once per batch: the highest position of the batch is stored just before
     * its transaction commits (one statement per batch instead of one per event). Without a unit of work,
     * at once.
     */
    public void recordOnCommit(String projection, long position) {
        if (!CurrentUnitOfWork.isStarted()) {
            record(projection, position);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        AtomicLong highest = batch.getOrComputeResource("projection-position:" + projection, key -> {
            AtomicLong max = new AtomicLong();
            batch.onPrepareCommit(u -> record(projection, max.get()));
            return max;
        });
        highest.accumulateAndGet(position, Math::max);
    }

    /** Called by a projection's reset handler, before a replay from the start of the log. */
    public void reset(String projection) {
        jdbc.update("DELETE FROM projection_position WHERE projection = ?", projection);
        progress(projection).reset();
    }

    /** The stored position (0 before the first event), read in the caller's transaction if it has one. */
    public long current(String projection) {
        List<Long> found = jdbc.queryForList(
                "SELECT position FROM projection_position WHERE projection = ?", Long.class, projection);
        return found.isEmpty() ? 0 : found.get(0);
    }

    /**
     * The newest position this instance has heard of (no query): at most the stored one, and behind it only
     * by the moment an announcement takes to arrive.
     */
    public long known(String projection) {
        return progress(projection).committed.get();
    }

    /** The newest event's global index (0 for an empty log): what a projection must reach to be current. */
    public long logHead() {
        return new EventLog(jdbc).head();
    }

    /** Waits until the projection has applied event {@code position}; false if {@code timeout} passed first. */
    public boolean await(String projection, long position, Duration timeout) {
        Progress p = progress(projection);
        if (p.reached(position)) {
            return true;
        }
        if (!notificationsFlowing && caughtUp(projection, p, position)) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Waiter waiter = p.register(position);
        try {
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                long slice = Math.min(remaining, notificationsFlowing ? RECHECK_NANOS : POLL_NANOS);
                if (waiter.await(slice)) {
                    return true;
                }
                // A notification may have been missed (or none flow): the stored position decides.
                if (caughtUp(projection, p, position)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            p.unregister(waiter);
        }
    }

    private boolean caughtUp(String projection, Progress p, long position) {
        long stored = current(projection);
        p.advance(stored);
        return stored >= position;
    }

    /**
     * Calls {@code listener} whenever the projection moves, on this instance or another (on the thread that
     * learnt of it: it must not block).
     */
    public void onAdvance(String projection, LongConsumer listener) {
        listeners.computeIfAbsent(projection, p -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** The projection has committed {@code position} (told by this instance's projection or by a notification). */
    void advance(String projection, long position) {
        if (progress(projection).advance(position)) {
            listeners.getOrDefault(projection, List.of()).forEach(l -> l.accept(position));
        }
    }

    /** Whether positions are being announced to this instance; while not, waiters poll. */
    void notificationsFlowing(boolean flowing) {
        notificationsFlowing = flowing;
        if (!flowing) {
            // Waiters sleeping on a long re-check interval move to polling.
            progress.values().forEach(Progress::wakeAll);
        }
    }

    /** Every stored position, read when notifications start flowing (those sent before were not heard). */
    void advanceToStored() {
        jdbc.query("SELECT projection, position FROM projection_position", rs -> {
            advance(rs.getString(1), rs.getLong(2));
        });
    }

    private Progress progress(String projection) {
        return progress.computeIfAbsent(projection, p -> new Progress());
    }

    /** One waiting request: released when its position is reached (or to re-check). */
    private static final class Waiter {
        final long position;
        private boolean released;
        private boolean woken;

        Waiter(long position) {
            this.position = position;
        }

        synchronized void release() {
            released = true;
            notifyAll();
        }

        synchronized void wake() {
            woken = true;
            notifyAll();
        }

        /** True once released; false when the slice passed or it was woken to re-check. */
        synchronized boolean await(long nanos) throws InterruptedException {
            long until = System.nanoTime() + nanos;
            while (!released && !woken) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            woken = false;
            return released;
        }
    }

    /** A projection's committed position as known here, and who waits for which position. */
    private static final class Progress {
        private final AtomicLong committed = new AtomicLong();
        private final java.util.PriorityQueue<Waiter> waiters =
                new java.util.PriorityQueue<>((a, b) -> Long.compare(a.position, b.position));

        boolean reached(long position) {
            return committed.get() >= position;
        }

        /** Moves to {@code position} if that is further; releases the waiters it satisfies. */
        boolean advance(long position) {
            long before = committed.getAndAccumulate(position, Math::max);
            if (position <= before) {
                return false;
            }
            synchronized (waiters) {
                while (!waiters.isEmpty() && waiters.peek().position <= position) {
                    waiters.poll().release();
                }
            }
            return true;
        }

        Waiter register(long position) {
            Waiter waiter = new Waiter(position);
            synchronized (waiters) {
                waiters.add(waiter);
            }
            // Reached between the caller's check and the registration: nobody else would release it.
            if (reached(position)) {
                waiter.release();
            }
            return waiter;
        }

        void unregister(Waiter waiter) {
            synchronized (waiters) {
                waiters.remove(waiter);
            }
        }

        void wakeAll() {
            synchronized (waiters) {
                waiters.forEach(Waiter::wake);
            }
        }

        void reset() {
            committed.set(0);
        }
    }
}
