package io.policyledger.app.api.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who owns which fields of an object ({@code metadata.managedFields}). They are kept with the object's
 * other metadata in its events, as the annotation {@link #ANNOTATION}, which clients never see or set:
 * the API shows it as {@code managedFields} and computes it on every write.
 */
public final class ManagedFields {

    public static final String ANNOTATION = io.policyledger.core.object.ObjectMetaValidation.MANAGED_FIELDS_ANNOTATION;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One manager's fields, by operation (a manager may own some fields by Apply and others by Update). */
    public record Entry(String manager, String operation, String apiVersion, Instant time, Set<FieldPath> fields) {

        boolean is(String manager, String operation) {
            return this.manager.equals(manager) && this.operation.equals(operation);
        }
    }

    private ManagedFields() {}

    /** The entries kept in an object's annotations (none for an object written before they were kept). */
    public static List<Entry> of(Map<String, String> annotations) {
        String stored = annotations == null ? null : annotations.get(ANNOTATION);
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        try {
            List<Entry> entries = new ArrayList<>();
            for (JsonNode e : JSON.readTree(stored)) {
                entries.add(new Entry(
                        e.path("manager").asText(),
                        e.path("operation").asText(),
                        e.path("apiVersion").asText(),
                        Instant.parse(e.path("time").asText()),
                        FieldSets.fromFieldsV1(e.path("fieldsV1"))));
            }
            return entries;
        } catch (JsonProcessingException | RuntimeException e) {
            // Unreadable ownership is treated as none: the object itself is intact.
            return List.of();
        }
    }

    /** As {@code metadata.managedFields} shows them. */
    public static ArrayNode shown(List<Entry> entries) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Entry e : entries) {
            ObjectNode entry = out.addObject()
                    .put("manager", e.manager())
                    .put("operation", e.operation())
                    .put("apiVersion", e.apiVersion())
                    .put("time", e.time().truncatedTo(ChronoUnit.SECONDS).toString())
                    .put("fieldsType", "FieldsV1");
            entry.set("fieldsV1", FieldSets.toFieldsV1(e.fields()));
        }
        return out;
    }

    /** The annotation's value for these entries. */
    public static String stored(List<Entry> entries) {
        return shown(entries).toString();
    }
}
