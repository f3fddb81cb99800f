package io.policyledger.query.rebuild;

import io.policyledger.query.projection.ReadModel;
import io.policyledger.query.projection.ReadModels;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/** The projections' own code applying events to the rebuild's tables, batch by batch, each in a transaction. */
final class Replay {
    private final Map<String, AnnotationEventHandlerAdapter> projections = new LinkedHashMap<>();
    private static final int BATCH = 10_000;
    private static final List<String> PROCESSORS = ReadModels.names();

    private final TransactionManager transactions;
    private final EventStorageEngine events;
    private final ExecutorService workers = Executors.newFixedThreadPool(PROCESSORS.size(), r -> {
        Thread t = new Thread(r, "rebuild-replay");
        t.setDaemon(true);
        return t;
    });
    private GapAwareTrackingToken token;
    private long applied;

    Replay(JdbcTemplate tables, TransactionManager transactions, EventStorageEngine events) {
        this.transactions = transactions;
        this.events = events;
        for (ReadModel model : ReadModels.ALL) {
            projections.put(
                    model.name(),
                    new AnnotationEventHandlerAdapter(model.writingTo().apply(tables)));
        }
    }

    /** How many events this replay applied. */
    long applied() {
        return applied;
    }

    long position() {
        return token == null ? 0 : token.getIndex();
    }

    /** Whether every event this replay applied, the live processor at {@code live} had applied too. */
    boolean behind(GapAwareTrackingToken live) {
        if (token == null) {
            return true;
        }
        if (token.getIndex() > live.getIndex()) {
            return false;
        }
        return live.getGaps().stream().filter(g -> g <= token.getIndex()).allMatch(token.getGaps()::contains);
    }

    /**
     * Applies what was stored after this replay's position; with {@code live}, only the events each live
     * processor had applied, to that processor's projection, and nothing past the furthest of them.
     */
    void read(Map<String, GapAwareTrackingToken> live, RebuildProgress progress) {
        long end = live == null
                ? Long.MAX_VALUE
                : live.values().stream()
                        .mapToLong(GapAwareTrackingToken::getIndex)
                        .max()
                        .orElse(0);
        List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
        List<Long> indexes = new ArrayList<>(BATCH);
        GapAwareTrackingToken previous = token;
        try (Stream<? extends TrackedEventMessage<?>> log = events.readEvents(token, false)) {
            Iterator<? extends TrackedEventMessage<?>> it = log.iterator();
            while (it.hasNext()) {
                TrackedEventMessage<?> event = it.next();
                GapAwareTrackingToken after = (GapAwareTrackingToken) event.trackingToken();
                long index = ownIndex(previous, after);
                if (index > end) {
                    break;
                }
                previous = after;
                batch.add(event);
                indexes.add(index);
                if (batch.size() == BATCH) {
                    apply(batch, indexes, live, progress);
                }
            }
        }
        if (!batch.isEmpty()) {
            apply(batch, indexes, live, progress);
        }
    }

    private void apply(
            List<TrackedEventMessage<?>> batch,
            List<Long> indexes,
            Map<String, GapAwareTrackingToken> live,
            RebuildProgress progress) {
        // Read here, once: the projections then apply the batch side by side, each on its own thread and
        // connection, so the database writes of one overlap the work of the others.
        batch.forEach(event -> {
            event.getPayload();
            event.getMetaData();
        });
        List<java.util.concurrent.Future<?>> applying = new ArrayList<>();
        for (Map.Entry<String, AnnotationEventHandlerAdapter> projection : projections.entrySet()) {
            GapAwareTrackingToken liveToken = live == null ? null : live.get(projection.getKey());
            applying.add(workers.submit(() -> applyTo(projection.getValue(), batch, indexes, live, liveToken)));
        }
        for (java.util.concurrent.Future<?> one : applying) {
            try {
                one.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replaying", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("replay failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        token = (GapAwareTrackingToken) batch.get(batch.size() - 1).trackingToken();
        applied += batch.size();
        batch.clear();
        indexes.clear();
        progress.applied(applied);
    }

    /** One projection's share of a batch, in a transaction of its own. */
    private void applyTo(
            AnnotationEventHandlerAdapter projection,
            List<TrackedEventMessage<?>> batch,
            List<Long> indexes,
            Map<String, GapAwareTrackingToken> live,
            GapAwareTrackingToken liveToken) {
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.attachTransaction(transactions);
        int[] next = {0};
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            TrackedEventMessage<?> event = unitOfWork.getMessage();
            long index = indexes.get(next[0]++);
            if (live == null || applied(liveToken, index)) {
                projection.handle(event);
            }
            return null;
        });
        if (result.isExceptional()) {
            throw new IllegalStateException(result.exceptionResult().getMessage(), result.exceptionResult());
        }
    }

    void close() {
        workers.shutdownNow();
    }

    /** Whether the live processor at {@code live} had applied the event stored at {@code index}. */
    private static boolean applied(GapAwareTrackingToken live, long index) {
        return index <= live.getIndex() && !live.getGaps().contains(index);
    }

    /**
     * The global index of the event that moved the stream's token from {@code before} to {@code after}: the new
     * head, or the gap it filled (a tracked message carries the stream's position, not its own index).
     */
    static long ownIndex(TrackingToken before, GapAwareTrackingToken after) {
        if (!(before instanceof GapAwareTrackingToken previous) || after.getIndex() > previous.getIndex()) {
            return after.getIndex();
        }
        return previous.getGaps().stream()
                .filter(g -> !after.getGaps().contains(g))
                .findFirst()
                .orElse(after.getIndex());
    }
}
