package io.policyledger.query.position;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
 * global index in commit order (see the event store's ordered append) and are applied in that order. Waiting is what gives read-your-writes: after a command is
 * stored at global index N, the API waits for the projection to reach N before answering. A projection
 * run by this instance wakes waiters the moment its transaction commits; one run by another instance
 * (several instances share one database) is noticed by polling the position row.
 */
@Component
public class ProjectionPositions {

    private static final long POLL_MILLIS = 20;

    private final JdbcTemplate jdbc;
    private final ConcurrentHashMap<String, AtomicLong> committed = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final Map<String, List<LongConsumer>> listeners = new ConcurrentHashMap<>();

    public ProjectionPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Called by a projection's event handler, inside its transaction, after applying event {@code position}. */
    public void record(String projection, long position) {
        jdbc.update("INSERT INTO projection_position (projection, position) VALUES (?, ?) "
                + "ON CONFLICT (projection) DO UPDATE SET position = GREATEST(projection_position.position, "
                + "EXCLUDED.position)", projection, position);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> publish(projection, position));
        } else {
            publish(projection, position);
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
        counter(projection).set(0);
    }

    /** The stored position (0 before the first event), read in the caller's transaction if it has one. */
    public long current(String projection) {
        List<Long> found = jdbc.queryForList(
                "SELECT position FROM projection_position WHERE projection = ?", Long.class, projection);
        return found.isEmpty() ? 0 : found.get(0);
    }

    /** The newest event's global index (0 for an empty log): what a projection must reach to be current. */
    public long logHead() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /** Waits until the projection has applied event {@code position}; false if {@code timeout} passed first. */
    public boolean await(String projection, long position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicLong local = counter(projection);
        while (true) {
            if (local.get() >= position) {
                return true;
            }
            long stored = current(projection);
            if (stored >= position) {
                local.accumulateAndGet(stored, Math::max);
                return true;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            lock.lock();
            try {
                if (local.get() < position) {
                    advanced.await(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)),
                            TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Calls {@code listener} (on the projection's thread: it must not block) whenever a batch of the
     * projection run by this instance commits. Other instances' progress is seen by polling.
     */
    public void onAdvance(String projection, LongConsumer listener) {
        listeners.computeIfAbsent(projection, p -> new CopyOnWriteArrayList<>()).add(listener);
    }

    private void publish(String projection, long position) {
        counter(projection).accumulateAndGet(position, Math::max);
        listeners.getOrDefault(projection, List.of()).forEach(l -> l.accept(position));
        lock.lock();
        try {
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private AtomicLong counter(String projection) {
        return committed.computeIfAbsent(projection, p -> new AtomicLong());
    }
}
