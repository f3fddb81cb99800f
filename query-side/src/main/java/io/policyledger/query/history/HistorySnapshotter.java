package io.policyledger.query.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows the log with a state of its own and stores a snapshot of it every {@code snapshot-interval}
 * events, so that time travel never replays more than that many events. Every instance follows; an
 * instance skips a snapshot another one took within the interval. On start it continues from the newest
 * snapshot (or, on a log without any, reads it from the start once, in the background).
 */
@Component
public class HistorySnapshotter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HistorySnapshotter.class);

    private final LogHistory history;
    private final long interval;
    private final long pollMillis;
    private volatile boolean running;
    private Thread thread;
    private PastState state;
    private long lastSnapshot;

    HistorySnapshotter(
            LogHistory history,
            @Value("${policy-ledger.history.snapshot-interval:5000}") long interval,
            @Value("${policy-ledger.history.poll-millis:1000}") long pollMillis) {
        if (interval < 1) {
            throw new IllegalArgumentException("policy-ledger.history.snapshot-interval must be at least 1");
        }
        this.history = history;
        this.interval = interval;
        this.pollMillis = pollMillis;
    }

    /** Reads what was stored since the last call and takes the snapshots due; one caller at a time. */
    synchronized void follow() {
        if (state == null) {
            state = history.latestSnapshot(Long.MAX_VALUE).orElseGet(PastState::empty);
            lastSnapshot = history.newestSnapshotRevision();
        }
        history.replay(state, Long.MAX_VALUE, s -> {
            if (s.revision() - lastSnapshot >= interval) {
                // Another instance may have taken one meanwhile: then this one is not needed.
                long newest = history.newestSnapshotRevision();
                if (s.revision() - newest >= interval) {
                    history.store(s);
                    newest = s.revision();
                }
                lastSnapshot = newest;
            }
        });
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(
                () -> {
                    while (running) {
                        try {
                            follow();
                        } catch (RuntimeException e) {
                            log.warn("history snapshots: {}; starting again from the newest snapshot", e.toString());
                            synchronized (this) {
                                state = null;
                            }
                        }
                        try {
                            Thread.sleep(pollMillis);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "history-snapshots");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
