package io.policyledger.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Iterator;
import java.util.TreeSet;

/**
 * What changed between two versions of an object: one entry per JSON pointer whose value differs,
 * {@code {"path": "/labels/app", "before": "web", "after": "db"}} (a side missing when the field was added
 * or removed). Lists are compared whole: a list's entries have no identity to pair them by.
 */
final class JsonDiff {

    private final ObjectMapper json;

    JsonDiff(ObjectMapper json) {
        this.json = json;
    }

    ArrayNode between(JsonNode before, JsonNode after) {
        ArrayNode out = json.createArrayNode();
        walk("", before, after, out);
        return out;
    }

    private void walk(String path, JsonNode before, JsonNode after, ArrayNode out) {
        if (before != null && after != null && before.isObject() && after.isObject()) {
            TreeSet<String> fields = new TreeSet<>();
            before.fieldNames().forEachRemaining(fields::add);
            for (Iterator<String> it = after.fieldNames(); it.hasNext(); ) {
                fields.add(it.next());
            }
            for (String field : fields) {
                walk(
                        path + "/" + field.replace("~", "~0").replace("/", "~1"),
                        before.get(field),
                        after.get(field),
                        out);
            }
            return;
        }
        if (before == null ? after != null : !before.equals(after)) {
            var entry = out.addObject().put("path", path.isEmpty() ? "/" : path);
            if (before != null) {
                entry.set("before", before);
            }
            if (after != null) {
                entry.set("after", after);
            }
        }
    }
}
