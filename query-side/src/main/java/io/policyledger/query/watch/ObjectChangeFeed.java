package io.policyledger.query.watch;

import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.query.history.LogHistory;
import io.policyledger.query.objects.ObjectChanges;
import io.policyledger.query.objects.ObjectWrites;
import io.policyledger.query.objects.ObjectsAt;
import io.policyledger.query.objects.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

/**
 * The changes of the objects of one kind, read from the log itself: a watch starts from the state as of
 * any revision (time travel's), then each event after it is applied by {@link ObjectChanges}, the one
 * definition of what an event means, and reported as ADDED, MODIFIED or DELETED. Since the whole log is
 * kept, a watch can resume from any revision; none is "too old".
 */
@Component
public class ObjectChangeFeed {

    private final EventStorageEngine events;
    private final LogHistory history;

    ObjectChangeFeed(EventStorageEngine events, LogHistory history) {
        this.events = events;
        this.history = history;
    }

    /**
     * The objects of {@code kind} as of {@code revision}, ready to be advanced, with the namespaces as
     * they were too: who may see an object is decided by who owned its namespace at the time.
     *
     * @param namespace only the objects of this namespace (null: all)
     */
    public WatchedObjects open(Kind kind, String namespace, long revision) {
        ObjectsAt own = new ObjectsAt();
        history.at(revision).objects().all().stream()
                .filter(o -> o.key().kind() == Kind.NAMESPACE
                        || (o.key().kind() == kind
                                && (namespace == null
                                        || namespace.equals(o.key().namespace()))))
                .forEach(own::put);
        return new WatchedObjects(kind, own, revision);
    }

    /** The changes after the watched revision up to and including {@code upTo}, in log order. */
    public List<ObjectChange> advance(WatchedObjects watched, long upTo) {
        List<ObjectChange> changes = new ArrayList<>();
        if (upTo <= watched.revision()) {
            return changes;
        }
        // Appends are made visible in commit order (the append lock): nothing below the watched
        // revision can still appear, so the token needs no gaps.
        GapAwareTrackingToken after = GapAwareTrackingToken.newInstance(watched.revision(), Set.of());
        try (Stream<? extends TrackedEventMessage<?>> log = events.readEvents(after, false)) {
            Iterator<? extends TrackedEventMessage<?>> it = log.takeWhile(
                            e -> e.trackingToken().position().orElse(Long.MAX_VALUE) <= upTo)
                    .iterator();
            while (it.hasNext()) {
                TrackedEventMessage<?> message = it.next();
                long at = message.trackingToken().position().orElseThrow();
                Touched touched = new Touched();
                ObjectChanges.apply(message.getPayload(), at, touched);
                if (touched.key != null && touched.key.kind() == Kind.NAMESPACE && watched.kind() != Kind.NAMESPACE) {
                    ObjectChanges.apply(message.getPayload(), at, watched.objects());
                } else if (touched.key != null && touched.key.kind() == watched.kind()) {
                    Optional<StoredObject> before = watched.objects().get(touched.key);
                    ObjectChanges.apply(message.getPayload(), at, watched.objects());
                    Optional<StoredObject> now = watched.objects().get(touched.key);
                    // Ownership now, while the state is at this event: a later event may hand the namespace on.
                    String owner = touched.key.kind().namespaced()
                            ? watched.objects()
                                    .tenantOf(touched.key.namespace())
                                    .orElse(null)
                            : null;
                    if (now.isPresent()) {
                        changes.add(new ObjectChange(
                                before.isPresent() ? ObjectChange.Type.MODIFIED : ObjectChange.Type.ADDED,
                                now.get(),
                                at,
                                owner));
                    } else if (before.isPresent()) {
                        StoredObject last = before.get();
                        changes.add(new ObjectChange(
                                ObjectChange.Type.DELETED,
                                new StoredObject(
                                        last.key(),
                                        last.uid(),
                                        at,
                                        last.generation(),
                                        last.creationTimestamp(),
                                        last.labels(),
                                        last.annotations(),
                                        last.spec(),
                                        last.status()),
                                at,
                                owner));
                    }
                }
                watched.advancedTo(at);
            }
        }
        watched.advancedTo(Math.max(watched.revision(), upTo));
        return changes;
    }

    /** Which object an event is about (its first write; an event writes one object). */
    private static final class Touched implements ObjectWrites {
        private ObjectKey key;

        private void saw(ObjectKey k) {
            if (key == null) {
                key = k;
            }
        }

        @Override
        public void create(
                ObjectKey key,
                String uid,
                long resourceVersion,
                long generation,
                Instant created,
                Map<String, String> labels,
                Map<String, String> annotations,
                Object spec,
                Object status) {
            saw(key);
        }

        @Override
        public void update(
                ObjectKey key,
                long resourceVersion,
                long generation,
                Map<String, String> labels,
                Map<String, String> annotations,
                Object spec,
                Object status) {
            saw(key);
        }

        @Override
        public void updateMetadata(
                ObjectKey key, long resourceVersion, Map<String, String> labels, Map<String, String> annotations) {
            saw(key);
        }

        @Override
        public void delete(ObjectKey key, long resourceVersion) {
            saw(key);
        }
    }
}
