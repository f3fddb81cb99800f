package io.policyledger.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Everything the log says up to one revision that time travel answers from: the objects (as the API
 * serves them) and the engine's inputs (from which the effective rules follow). Built by applying events
 * in log order, from nothing or from a snapshot; also what a snapshot stores. Not thread-safe while it
 * is being built; once handed out by {@link LogHistory} it is only read.
 */
public final class PastState {

    /** The snapshots' form; snapshots of another form are not read (the state is built from the log). */
    static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ObjectsAt objects = new ObjectsAt();
    /** The engine's inputs by kind, namespace and name: what its set/remove calls leave it holding. */
    private final Map<List<String>, EngineInput> inputs = new LinkedHashMap<>();
    /** Where in the log this state is: the last event applied, and earlier ones not stored yet then. */
    private GapAwareTrackingToken token;
    private long revision;
    private long eventsApplied;
    private PolicyEngine engine;

    static PastState empty() {
        return new PastState();
    }

    /** The revision this state reflects: every event stored at or before it. */
    public long revision() {
        return revision;
    }

    public ObjectsAt objects() {
        return objects;
    }

    /** A new engine holding this state's inputs, flushed; built once, then shared (callers only read it). */
    public synchronized PolicyEngine engine() {
        if (engine == null) {
            PolicyEngine built = new PolicyEngine();
            inputs.values().forEach(input -> input.applyTo(built));
            built.flush();
            engine = built;
        }
        return engine;
    }

    /** How many events were replayed to build this state after its snapshot (or from nothing). */
    public long eventsApplied() {
        return eventsApplied;
    }

    TrackingToken token() {
        return token;
    }

    void apply(TrackedEventMessage<?> message) {
        long at = message.trackingToken().position().orElseThrow(
                () -> new IllegalStateException("tracking token without a position: " + message.trackingToken()));
        Object event = message.getPayload();
        ObjectChanges.apply(event, at, objects);
        EngineInput.of(event).ifPresent(input -> {
            List<String> key = List.of(input.kind(), input.namespace(), input.name());
            if (input instanceof EngineInput.Removed) {
                inputs.remove(key);
            } else {
                inputs.put(key, input);
            }
        });
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
        return objects.size();
    }

    /** The state as a snapshot stores it: gzip of one JSON document. */
    byte[] serialize() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("index", token == null ? -1 : token.getIndex());
        ArrayNode gaps = root.putArray("gaps");
        if (token != null) {
            token.getGaps().forEach(gaps::add);
        }
        ArrayNode objectRows = root.putArray("objects");
        objects.all().stream().sorted(Comparator.comparing(o -> o.key().toString()))
                .forEach(o -> objectRows.add(JSON.valueToTree(o)));
        ArrayNode inputRows = root.putArray("inputs");
        inputs.values().forEach(input -> inputRows.addObject().put("kind", input.kind())
                .set("document", JSON.valueToTree(input)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            JSON.writeValue(gzip, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static PastState deserialize(byte[] stored, long revision) {
        PastState state = new PastState();
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            JsonNode root = JSON.readTree(gzip);
            long index = root.path("index").asLong(-1);
            if (index >= 0) {
                List<Long> gaps = new ArrayList<>();
                root.path("gaps").forEach(g -> gaps.add(g.asLong()));
                state.token = GapAwareTrackingToken.newInstance(index, new TreeSet<>(gaps));
            }
            for (JsonNode row : root.path("objects")) {
                state.objects.put(JSON.treeToValue(row, StoredObject.class));
            }
            for (JsonNode row : root.path("inputs")) {
                EngineInput input = JSON.treeToValue(row.path("document"), EngineInput.typeOf(row.path("kind").asText()));
                state.inputs.put(List.of(input.kind(), input.namespace(), input.name()), input);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable history snapshot at revision " + revision, e);
        }
        state.revision = revision;
        return state;
    }
}
