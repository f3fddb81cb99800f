package io.policyledger.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.policyledger.core.engine.PolicyEngine;
import io.policyledger.query.effective.EngineInput;
import io.policyledger.query.objects.ObjectChanges;
import io.policyledger.query.objects.ObjectsAt;
import io.policyledger.query.objects.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Everything the log says up to one revision that time travel answers from: the objects (as the API
 * serves them) and the engine's inputs (from which the effective rules follow). Built by applying events
 * in log order, from nothing or from a snapshot; also what a snapshot stores.
 *
 * <p>The two parts of a snapshot are read only when asked for (a question about rules does not need the
 * objects, and the other way round); the events applied since are kept until both parts are read, then
 * applied to a part as it is read. Not thread-safe while it is being built; once handed out by
 * {@link LogHistory} it is only read (reading a part is synchronized).
 */
public final class PastState {

    /** The snapshots' form; snapshots of another form are not read (the state is built from the log). */
    static final int FORMAT = 3;

    private static final ObjectMapper JSON =
            new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Null until read from {@link #objectsSnapshot}. */
    private ObjectsAt objects;
    /** The engine's inputs by kind, namespace and name; null until read from {@link #inputsSnapshot}. */
    private Map<List<String>, EngineInput> inputs;

    private byte[] objectsSnapshot;
    private byte[] inputsSnapshot;
    /** Events applied since the snapshot, while a part of it is not read yet. */
    private final List<Change> unread = new ArrayList<>();
    /** Where in the log this state is: the last event applied, and earlier ones not stored yet then. */
    private GapAwareTrackingToken token;

    private long revision;
    private long eventsApplied;
    private PolicyEngine engine;

    private record Change(long revision, Object event) {}

    private PastState() {}

    static PastState empty() {
        PastState state = new PastState();
        state.objects = new ObjectsAt();
        state.inputs = new LinkedHashMap<>();
        return state;
    }

    static PastState fromSnapshot(long revision, Set<Long> gaps, byte[] objects, byte[] inputs) {
        PastState state = new PastState();
        state.token = GapAwareTrackingToken.newInstance(revision, new TreeSet<>(gaps));
        state.revision = revision;
        state.objectsSnapshot = objects;
        state.inputsSnapshot = inputs;
        return state;
    }

    /** The revision this state reflects: every event stored at or before it. */
    public long revision() {
        return revision;
    }

    /** How many events were replayed to build this state after its snapshot (or from nothing). */
    public long eventsApplied() {
        return eventsApplied;
    }

    public synchronized ObjectsAt objects() {
        if (objects == null) {
            ObjectsAt read = new ObjectsAt();
            List<StoredObject> stored = readPart(objectsSnapshot, JSON.readerForListOf(StoredObject.class));
            stored.forEach(read::put);
            unread.forEach(c -> ObjectChanges.apply(c.event(), c.revision(), read));
            objects = read;
            objectsSnapshot = null;
            forgetUnreadOnceAllRead();
        }
        return objects;
    }

    /** A new engine holding this state's inputs, flushed; built once, then shared (callers only read it). */
    public synchronized PolicyEngine engine() {
        if (engine == null) {
            PolicyEngine built = new PolicyEngine();
            inputs().values().forEach(input -> input.applyTo(built));
            built.flush();
            engine = built;
        }
        return engine;
    }

    private synchronized Map<List<String>, EngineInput> inputs() {
        if (inputs == null) {
            Map<List<String>, EngineInput> read = new LinkedHashMap<>();
            InputsPart stored = readPart(inputsSnapshot, JSON.readerFor(InputsPart.class));
            stored.all().forEach(input -> read.put(keyOf(input), input));
            unread.forEach(c -> applyInput(read, c.event()));
            inputs = read;
            inputsSnapshot = null;
            forgetUnreadOnceAllRead();
        }
        return inputs;
    }

    TrackingToken token() {
        return token;
    }

    void apply(TrackedEventMessage<?> message) {
        long at = message.trackingToken()
                .position()
                .orElseThrow(() ->
                        new IllegalStateException("tracking token without a position: " + message.trackingToken()));
        Object event = message.getPayload();
        if (objects != null) {
            ObjectChanges.apply(event, at, objects);
        }
        if (inputs != null) {
            applyInput(inputs, event);
        }
        if (objects == null || inputs == null) {
            unread.add(new Change(at, event));
        }
        token = (GapAwareTrackingToken) message.trackingToken();
        revision = Math.max(revision, at);
        eventsApplied++;
        engine = null;
    }

    /** Says that nothing stored after the last applied event up to {@code revision} concerns this state. */
    void reachedRevision(long revision) {
        this.revision = Math.max(this.revision, revision);
    }

    int objectCount() {
        return objects().size();
    }

    Set<Long> gaps() {
        return token == null ? Set.of() : token.getGaps();
    }

    /** The objects as a snapshot stores them: gzip of a JSON array. */
    byte[] objectsPart() {
        return gzip(objects().all().stream()
                .sorted(Comparator.comparing(o -> o.key().toString()))
                .toList());
    }

    /** The engine's inputs as a snapshot stores them: gzip of a JSON object with a list per kind. */
    byte[] inputsPart() {
        return gzip(InputsPart.of(inputs().values()));
    }

    /** The inputs by kind, so that each list is read straight into its record type. */
    record InputsPart(
            List<EngineInput.Namespace> namespaces,
            List<EngineInput.Pod> pods,
            List<EngineInput.Policy> policies,
            List<EngineInput.AlphaPolicy> alphaPolicies,
            List<EngineInput.ClusterPolicy> clusterPolicies) {

        /** Every kind of input has its list: one left out would vanish from the past silently. */
        static InputsPart of(java.util.Collection<EngineInput> inputs) {
            InputsPart part = new InputsPart(
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (EngineInput input : inputs) {
                if (input instanceof EngineInput.Namespace n) {
                    part.namespaces.add(n);
                } else if (input instanceof EngineInput.Pod p) {
                    part.pods.add(p);
                } else if (input instanceof EngineInput.Policy p) {
                    part.policies.add(p);
                } else if (input instanceof EngineInput.AlphaPolicy p) {
                    part.alphaPolicies.add(p);
                } else if (input instanceof EngineInput.ClusterPolicy p) {
                    part.clusterPolicies.add(p);
                } else {
                    throw new IllegalStateException("no snapshot list for inputs of kind " + input.kind());
                }
            }
            return part;
        }

        List<EngineInput> all() {
            List<EngineInput> all = new ArrayList<>();
            all.addAll(namespaces);
            all.addAll(pods);
            all.addAll(policies);
            all.addAll(alphaPolicies);
            all.addAll(clusterPolicies == null ? List.of() : clusterPolicies);
            return all;
        }
    }

    private void forgetUnreadOnceAllRead() {
        if (objects != null && inputs != null) {
            unread.clear();
        }
    }

    private static void applyInput(Map<List<String>, EngineInput> inputs, Object event) {
        EngineInput.of(event).ifPresent(input -> {
            if (input instanceof EngineInput.Removed) {
                inputs.remove(keyOf(input));
            } else {
                inputs.put(keyOf(input), input);
            }
        });
    }

    private static List<String> keyOf(EngineInput input) {
        return List.of(input.kind(), input.namespace(), input.name());
    }

    private static byte[] gzip(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            JSON.writeValue(gzip, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private <T> T readPart(byte[] stored, ObjectReader reader) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(stored), 65536)) {
            return reader.readValue(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable history snapshot at revision " + token.getIndex(), e);
        }
    }
}
