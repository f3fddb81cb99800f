package io.policyledger.app.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.api.registry.PatchStrategy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' strategic merge patch ({@code application/strategic-merge-patch+json}), driven by a kind's
 * {@link PatchStrategy patch strategies}: maps merge as in a JSON merge patch; lists named with a merge
 * key merge entry by entry, lists of primitives with strategy {@code merge} are unions, all other lists
 * are replaced. Directives: {@code $patch} (replace, delete, merge) on maps and list entries,
 * {@code $retainKeys}, {@code $setElementOrder/<list>} and {@code $deleteFromPrimitiveList/<list>}.
 *
 * <p>One simplification against Kubernetes: with {@code $setElementOrder}, entries the order does not
 * name (present only on the server) follow the named ones instead of keeping their relative places.
 */
public final class StrategicMergePatch {

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private final Map<String, PatchStrategy> strategies;

    public StrategicMergePatch(Map<String, PatchStrategy> strategies) {
        this.strategies = strategies;
    }

    /** The object with the patch applied; the original is not changed. */
    public JsonNode apply(JsonNode original, JsonNode patch) {
        if (!patch.isObject()) {
            throw new InvalidPatchException("a strategic merge patch must be a JSON object");
        }
        JsonNode merged = mergeMap(
                original != null && original.isObject() ? (ObjectNode) original : null, (ObjectNode) patch, "");
        return merged == null ? JsonNodeFactory.instance.objectNode() : merged;
    }

    /** Null when the map is deleted ({@code $patch: delete}). */
    private ObjectNode mergeMap(ObjectNode original, ObjectNode patch, String path) {
        String directive = patch.path(PATCH).asText("merge");
        switch (directive) {
            case "delete" -> {
                return null;
            }
            case "replace" -> {
                return stripDirectives(patch, path);
            }
            case "merge" -> {}
            default ->
                throw new InvalidPatchException("unknown $patch directive \"" + directive + "\" at " + where(path));
        }
        ObjectNode result = original == null ? JsonNodeFactory.instance.objectNode() : original.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals(PATCH) || key.equals(RETAIN_KEYS) || key.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                String list = key.substring(DELETE_FROM_PRIMITIVE_LIST.length());
                deleteFromPrimitiveList(result, list, value, child(path, list));
                continue;
            }
            if (key.startsWith("$")) {
                throw new InvalidPatchException("unknown directive \"" + key + "\" at " + where(path));
            }
            String childPath = child(path, key);
            if (value.isNull()) {
                result.remove(key);
            } else if (value.isObject()) {
                JsonNode current = result.get(key);
                ObjectNode merged = mergeMap(
                        current != null && current.isObject() ? (ObjectNode) current : null,
                        (ObjectNode) value,
                        childPath);
                if (merged == null) {
                    result.remove(key);
                } else {
                    result.set(key, merged);
                }
            } else if (value.isArray()) {
                JsonNode current = result.get(key);
                JsonNode merged = mergeList(
                        current != null && current.isArray() ? (ArrayNode) current : null,
                        (ArrayNode) value,
                        childPath);
                result.set(key, merged);
            } else {
                result.set(key, value);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().startsWith(SET_ELEMENT_ORDER)) {
                String list = field.getKey().substring(SET_ELEMENT_ORDER.length());
                if (result.get(list) instanceof ArrayNode items
                        && field.getValue().isArray()) {
                    result.set(list, ordered(items, (ArrayNode) field.getValue(), child(path, list)));
                }
            }
        }
        if (patch.has(RETAIN_KEYS)) {
            JsonNode retain = patch.get(RETAIN_KEYS);
            if (!retain.isArray()) {
                throw new InvalidPatchException("$retainKeys must be a list of field names at " + where(path));
            }
            Set<String> keep = new LinkedHashSet<>();
            retain.forEach(k -> keep.add(k.asText()));
            result.retain(keep);
        }
        return result;
    }

    private JsonNode mergeList(ArrayNode original, ArrayNode patch, String path) {
        PatchStrategy strategy = strategies.get(path);
        if (strategy == null || !strategy.strategy().equals("merge")) {
            return stripDirectives(patch, path);
        }
        if (strategy.mergeKey() == null) {
            // A set of primitives: the union, server's entries first.
            ArrayNode result = original == null ? JsonNodeFactory.instance.arrayNode() : original.deepCopy();
            for (JsonNode value : patch) {
                if (!contains(result, value)) {
                    result.add(value);
                }
            }
            return result;
        }
        String key = strategy.mergeKey();
        for (JsonNode entry : patch) {
            if (entry.isObject() && entry.path(PATCH).asText("").equals("replace") && entry.size() == 1) {
                // {"$patch": "replace"} among the entries: the list is exactly the other entries.
                ArrayNode replaced = JsonNodeFactory.instance.arrayNode();
                for (JsonNode other : patch) {
                    if (other != entry) {
                        replaced.add(mergeMap(null, requireObject(other, path), path));
                    }
                }
                return replaced;
            }
        }
        List<JsonNode> result = new ArrayList<>();
        if (original != null) {
            original.forEach(result::add);
        }
        for (JsonNode entry : patch) {
            ObjectNode patchEntry = requireObject(entry, path);
            JsonNode id = patchEntry.get(key);
            if (id == null || id.isNull()) {
                throw new InvalidPatchException(
                        "an entry of " + where(path) + " does not contain its merge key \"" + key + "\"");
            }
            int at = indexOf(result, key, id);
            boolean delete = patchEntry.path(PATCH).asText("").equals("delete");
            if (delete) {
                result.removeIf(e -> id.equals(e.get(key)));
            } else if (at >= 0) {
                result.set(at, mergeMap((ObjectNode) result.get(at), patchEntry, path));
            } else {
                result.add(mergeMap(null, patchEntry, path));
            }
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        result.forEach(out::add);
        return out;
    }

    private ArrayNode ordered(ArrayNode items, ArrayNode order, String path) {
        PatchStrategy strategy = strategies.get(path);
        String key = strategy == null ? null : strategy.mergeKey();
        List<JsonNode> remaining = new ArrayList<>();
        items.forEach(remaining::add);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode wanted : order) {
            JsonNode id = key == null ? wanted : wanted.get(key);
            for (Iterator<JsonNode> it = remaining.iterator(); it.hasNext(); ) {
                JsonNode item = it.next();
                if (key == null ? item.equals(id) : id != null && id.equals(item.get(key))) {
                    out.add(item);
                    it.remove();
                    break;
                }
            }
        }
        remaining.forEach(out::add);
        return out;
    }

    private void deleteFromPrimitiveList(ObjectNode target, String list, JsonNode values, String path) {
        if (!values.isArray()) {
            throw new InvalidPatchException("$deleteFromPrimitiveList of " + where(path) + " must be a list");
        }
        if (target.get(list) instanceof ArrayNode items) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : items) {
                if (!contains((ArrayNode) values, item)) {
                    kept.add(item);
                }
            }
            target.set(list, kept);
        }
    }

    /** A patch value taken as is (nothing to merge it with): its directives are applied to nothing. */
    private ObjectNode stripDirectives(ObjectNode patch, String path) {
        ObjectNode copy = patch.deepCopy();
        copy.remove(PATCH);
        ObjectNode merged = mergeMap(null, copy, path);
        return merged == null ? JsonNodeFactory.instance.objectNode() : merged;
    }

    private ArrayNode stripDirectives(ArrayNode patch, String path) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode entry : patch) {
            out.add(entry.isObject() ? mergeMap(null, (ObjectNode) entry, path) : entry);
        }
        return out;
    }

    private static ObjectNode requireObject(JsonNode entry, String path) {
        if (!entry.isObject()) {
            throw new InvalidPatchException("the entries of " + where(path) + " must be objects");
        }
        return (ObjectNode) entry;
    }

    private static int indexOf(List<JsonNode> entries, String key, JsonNode id) {
        for (int i = 0; i < entries.size(); i++) {
            if (id.equals(entries.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(ArrayNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String where(String path) {
        return path.isEmpty() ? "the top level" : path;
    }
}
