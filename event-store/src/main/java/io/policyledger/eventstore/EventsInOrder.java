package io.policyledger.eventstore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Reads the log in order for whoever replays it in-process (time travel, a restore's lookups). Turning
 * payloads into events is most of a replay's cost: chunks of events are deserialized on other threads
 * while earlier ones are handed over here, in log order.
 */
public final class EventsInOrder {

    private static final int CHUNK = 256;
    private static final int IN_FLIGHT = 8;
    /** Shared by all replays; daemon threads, so a replay in progress never holds the JVM up. */
    private static final ExecutorService DESERIALIZERS =
            Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "log-deserializer");
                t.setDaemon(true);
                return t;
            });

    private EventsInOrder() {}

    /** Every event after {@code after} (null: from the start) up to and including {@code upTo}, in order. */
    public static void forEach(
            EventStorageEngine events, TrackingToken after, long upTo, Consumer<TrackedEventMessage<?>> each) {
        Deque<Future<List<TrackedEventMessage<?>>>> inFlight = new ArrayDeque<>();
        try (Stream<? extends TrackedEventMessage<?>> log = events.readEvents(after, false)) {
            Iterator<? extends TrackedEventMessage<?>> it = log.takeWhile(
                            e -> e.trackingToken().position().orElse(Long.MAX_VALUE) <= upTo)
                    .iterator();
            List<TrackedEventMessage<?>> chunk = new ArrayList<>(CHUNK);
            while (it.hasNext()) {
                chunk.add(it.next());
                if (chunk.size() == CHUNK || !it.hasNext()) {
                    List<TrackedEventMessage<?>> read = chunk;
                    inFlight.add(DESERIALIZERS.submit(() -> {
                        read.forEach(TrackedEventMessage::getPayload);
                        return read;
                    }));
                    chunk = new ArrayList<>(CHUNK);
                    if (inFlight.size() >= IN_FLIGHT) {
                        handOver(inFlight.poll(), each);
                    }
                }
            }
            while (!inFlight.isEmpty()) {
                handOver(inFlight.poll(), each);
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
        }
    }

    private static void handOver(Future<List<TrackedEventMessage<?>>> chunk, Consumer<TrackedEventMessage<?>> each) {
        List<TrackedEventMessage<?>> events;
        try {
            events = chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the log", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read an event of the log: " + e.getCause(), e.getCause());
        }
        events.forEach(each);
    }
}
