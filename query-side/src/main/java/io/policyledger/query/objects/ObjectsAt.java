package io.policyledger.query.objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.core.namespace.NamespaceLabels;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.selector.Requirement;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The objects as they were at one revision, in memory: what {@link ObjectChanges} made of the log up to
 * there, read the way {@link CurrentObjectReader} reads the present (same scopes, selectors, order and
 * pages), so an answer about the past has the form of one about the present. Not thread-safe while it is
 * being built; read-only afterwards.
 */
public final class ObjectsAt implements ObjectWrites {

    private static final Comparator<StoredObject> LIST_ORDER = Comparator.comparing(
                    (StoredObject o) -> o.key().namespace())
            .thenComparing(o -> o.key().name());

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /**
     * The objects, with spec and status as the events carried them: turned into the read model's JSON
     * only when read, since a replay changes most objects many times between two reads.
     */
    private final Map<ObjectKey, Held> objects = new HashMap<>();

    private record Held(
            ObjectKey key,
            String uid,
            long resourceVersion,
            long generation,
            Instant created,
            Map<String, String> labels,
            Map<String, String> annotations,
            Object spec,
            Object status) {}

    public Optional<StoredObject> get(ObjectKey key) {
        return Optional.ofNullable(objects.get(key)).map(this::stored);
    }

    public List<StoredObject> all() {
        return objects.values().stream().map(this::stored).toList();
    }

    public int size() {
        return objects.size();
    }

    /** Restores an object as {@link #all()} gave it (a snapshot being loaded). */
    public void put(StoredObject o) {
        objects.put(
                o.key(),
                new Held(
                        o.key(),
                        o.uid(),
                        o.resourceVersion(),
                        o.generation(),
                        o.creationTimestamp(),
                        o.labels(),
                        o.annotations(),
                        o.spec(),
                        o.status()));
    }

    /** As {@link CurrentObjectReader#list}, answering {@code revision} as the list's resourceVersion. */
    public ObjectPage list(
            Kind kind,
            String namespace,
            List<Requirement> selector,
            int limit,
            String continueToken,
            Scope scope,
            long revision) {
        ContinueToken after =
                continueToken == null || continueToken.isEmpty() ? null : ContinueToken.decode(continueToken);
        List<StoredObject> items = objects.values().stream()
                .filter(o -> o.key().kind() == kind)
                .filter(o -> namespace == null || o.key().namespace().equals(namespace))
                .filter(o -> Requirement.allMatch(selector, o.labels()))
                .map(this::stored)
                .filter(o -> after == null || LIST_ORDER.compare(o, afterMarker(kind, after)) > 0)
                .filter(o -> isWithin(o, scope))
                .sorted(LIST_ORDER)
                .toList();
        String next = null;
        if (limit > 0 && items.size() > limit) {
            items = items.subList(0, limit);
            StoredObject last = items.get(limit - 1);
            next = new ContinueToken(last.key().namespace(), last.key().name()).encode();
        }
        return new ObjectPage(List.copyOf(items), revision, next);
    }

    /** As {@link CurrentObjectReader#isWithin}, with the namespaces' owners as they were then. */
    public boolean isWithin(StoredObject object, Scope scope) {
        return scope.admits(object, this::tenantOf);
    }

    public Optional<String> tenantOf(String namespace) {
        return get(ObjectKey.namespace(namespace)).map(ns -> ns.labels().get(NamespaceLabels.TENANT));
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
        Held before = objects.get(key);
        if (before == null || before.resourceVersion() < resourceVersion) {
            objects.put(
                    key,
                    new Held(
                            key,
                            uid,
                            resourceVersion,
                            generation,
                            created,
                            sorted(labels),
                            sorted(annotations),
                            spec,
                            status));
        }
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
        Held before = objects.get(key);
        if (before != null && before.resourceVersion() < resourceVersion) {
            objects.put(
                    key,
                    new Held(
                            key,
                            before.uid(),
                            resourceVersion,
                            generation,
                            before.created(),
                            sorted(labels),
                            sorted(annotations),
                            spec,
                            status));
        }
    }

    @Override
    public void updateMetadata(
            ObjectKey key, long resourceVersion, Map<String, String> labels, Map<String, String> annotations) {
        Held before = objects.get(key);
        if (before != null && before.resourceVersion() < resourceVersion) {
            objects.put(
                    key,
                    new Held(
                            key,
                            before.uid(),
                            resourceVersion,
                            before.generation(),
                            before.created(),
                            sorted(labels),
                            sorted(annotations),
                            before.spec(),
                            before.status()));
        }
    }

    @Override
    public void delete(ObjectKey key, long resourceVersion) {
        Held before = objects.get(key);
        if (before != null && before.resourceVersion() < resourceVersion) {
            objects.remove(key);
        }
    }

    private StoredObject stored(Held o) {
        return new StoredObject(
                o.key(),
                o.uid(),
                o.resourceVersion(),
                o.generation(),
                o.created(),
                o.labels(),
                o.annotations(),
                tree(o.spec()),
                tree(o.status()));
    }

    /** Where a page continues: a stand-in object at the token's position. */
    private static StoredObject afterMarker(Kind kind, ContinueToken after) {
        return new StoredObject(
                new ObjectKey(kind, after.namespace(), after.name()),
                "",
                0,
                0,
                Instant.EPOCH,
                Map.of(),
                Map.of(),
                null,
                null);
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? new TreeMap<>() : new TreeMap<>(map);
    }

    /**
     * The JSON the read model would hold: written as the store writes it, with object keys in jsonb's
     * order (shorter first, then bytewise), so the past renders exactly as the present does.
     */
    private JsonNode tree(Object value) {
        if (value == null || value instanceof JsonNode) {
            return (JsonNode) value;
        }
        try {
            return jsonbOrder(json.readTree(json.writeValueAsString(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hold " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private JsonNode jsonbOrder(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(ObjectsAt::jsonbKeyOrder);
            ObjectNode ordered = json.createObjectNode();
            for (String name : names) {
                ordered.set(name, jsonbOrder(object.get(name)));
            }
            return ordered;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode ordered = json.createArrayNode();
            for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
                ordered.add(jsonbOrder(it.next()));
            }
            return ordered;
        }
        return node;
    }

    private static int jsonbKeyOrder(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    }
}
