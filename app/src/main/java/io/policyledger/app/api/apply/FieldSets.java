package io.policyledger.app.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.api.registry.PatchStrategy;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fields an object (or an applied configuration) sets, as {@link FieldPath}s, by the kind's schema:
 * maps are granular (each key its own field), lists with a merge key are keyed lists (each entry owned
 * by its key), lists of primitives with strategy merge are sets (each value owned), other lists are
 * atomic (owned whole). Reading, removing, and converting to and from {@code FieldsV1} live here too.
 */
final class FieldSets {

    private final Map<String, PatchStrategy> strategies;

    FieldSets(Map<String, PatchStrategy> strategies) {
        this.strategies = strategies;
    }

    /** Every field {@code object} sets, leaves and keyed entries. */
    Set<FieldPath> of(JsonNode object) {
        Set<FieldPath> out = new LinkedHashSet<>();
        collect(object, FieldPath.root(), out);
        return out;
    }

    private void collect(JsonNode value, FieldPath at, Set<FieldPath> out) {
        if (value.isObject() && !value.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isNull()) {
                    collect(field.getValue(), at.child("f:" + field.getKey()), out);
                }
            }
            return;
        }
        PatchStrategy strategy = strategies.get(at.schemaPath());
        if (value.isArray() && strategy != null && strategy.strategy().equals("merge")) {
            for (JsonNode element : value) {
                if (strategy.mergeKey() == null) {
                    out.add(at.child("v:" + element));
                } else {
                    FieldPath entry = at.child("k:" + key(element, strategy.mergeKey()));
                    out.add(entry.child("."));
                    collect(element, entry, out);
                }
            }
            return;
        }
        if (!at.elements().isEmpty()) {
            out.add(at);
        }
    }

    private static String key(JsonNode element, String mergeKey) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        key.set(mergeKey, element.path(mergeKey));
        return key.toString();
    }

    /** The value at a path (a missing node when there is none). */
    static JsonNode valueAt(JsonNode object, FieldPath path) {
        JsonNode at = object;
        for (String element : path.elements()) {
            if (element.equals(".")) {
                return at;
            }
            at = step(at, element);
            if (at.isMissingNode()) {
                return at;
            }
        }
        return at;
    }

    private static JsonNode step(JsonNode at, String element) {
        if (element.startsWith("f:")) {
            return at.path(element.substring(2));
        }
        if (at.isArray() && (element.startsWith("k:") || element.startsWith("v:"))) {
            JsonNode wanted = parse(element.substring(2));
            for (JsonNode item : at) {
                if (element.startsWith("v:") ? item.equals(wanted) : matchesKey(item, wanted)) {
                    return item;
                }
            }
        }
        return MissingNode.getInstance();
    }

    /** Removes the field at a path (a keyed entry or set value with it); empty maps left behind go too. */
    static void remove(JsonNode object, FieldPath path) {
        FieldPath target = path.isEntryMarker() ? path.parent() : path;
        if (target.elements().isEmpty()) {
            return;
        }
        JsonNode parent = valueAt(object, target.parent());
        String last = target.elements().get(target.elements().size() - 1);
        if (last.startsWith("f:") && parent instanceof ObjectNode map) {
            map.remove(last.substring(2));
        } else if (parent instanceof ArrayNode list) {
            JsonNode wanted = parse(last.substring(2));
            for (Iterator<JsonNode> it = list.iterator(); it.hasNext(); ) {
                JsonNode item = it.next();
                if (last.startsWith("v:") ? item.equals(wanted) : matchesKey(item, wanted)) {
                    it.remove();
                }
            }
        }
        if (target.elements().size() > 1
                && valueAt(object, target.parent()) instanceof ObjectNode emptied
                && emptied.isEmpty()
                && target.parent()
                        .elements()
                        .get(target.parent().elements().size() - 1)
                        .startsWith("f:")) {
            remove(object, target.parent());
        }
    }

    /** A field set as Kubernetes shows it in {@code managedFields[].fieldsV1}. */
    static ObjectNode toFieldsV1(Set<FieldPath> paths) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (FieldPath path : paths) {
            ObjectNode at = root;
            for (String element : path.elements()) {
                at = at.has(element) ? (ObjectNode) at.get(element) : at.putObject(element);
            }
        }
        return root;
    }

    /** The inverse of {@link #toFieldsV1}: every leaf of the tree is a field. */
    static Set<FieldPath> fromFieldsV1(JsonNode tree) {
        Set<FieldPath> out = new LinkedHashSet<>();
        fromTree(tree, FieldPath.root(), out);
        return out;
    }

    private static void fromTree(JsonNode tree, FieldPath at, Set<FieldPath> out) {
        if (tree.isEmpty()) {
            if (!at.elements().isEmpty()) {
                out.add(at);
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            fromTree(e.getValue(), at.child(e.getKey()), out);
        }
    }

    private static boolean matchesKey(JsonNode item, JsonNode key) {
        for (Iterator<Map.Entry<String, JsonNode>> it = key.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().equals(item.path(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
