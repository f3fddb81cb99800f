package io.policyledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.api.apply.FieldManagement;
import io.policyledger.app.api.apply.ManagedFields;
import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.query.objects.StoredObject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Who owns which fields after a write: every create, replace and patch records its field manager's
 * fields in the object's metadata (see {@link FieldManagement}, {@link ManagedFields}), whatever a client
 * sent in their place.
 */
@Component
class Ownership {

    private static final int MAX_MANAGER_LENGTH = 128;

    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    Ownership(Clock clock) {
        this.clock = clock;
    }

    /** The request's field manager: {@code ?fieldManager}, else its client's name (the User-Agent up to "/"). */
    static String manager(HttpServletRequest request, boolean required) {
        String manager = request.getParameter("fieldManager");
        if (manager == null || manager.isEmpty()) {
            if (required) {
                throw ApiException.badRequest("PATCH with application/apply-patch+yaml requires a fieldManager "
                        + "(the name of the configuration's owner, e.g. ?fieldManager=kubectl)");
            }
            String agent = request.getHeader("User-Agent");
            manager = agent == null || agent.isBlank() ? "unknown" : agent.split("/", 2)[0].trim();
        }
        if (manager.length() > MAX_MANAGER_LENGTH) {
            throw ApiException.badRequest("fieldManager must be at most " + MAX_MANAGER_LENGTH + " characters");
        }
        return manager;
    }

    /** The metadata to store for a new object written by a plain create. */
    <W> ObjectMeta created(ResourceDefinition<W> def, W wire, ObjectMeta meta, HttpServletRequest request) {
        FieldManagement fields = new FieldManagement(def.resource());
        List<ManagedFields.Entry> entries = fields.update(
                null, fields.content(json.valueToTree(wire)), List.of(), manager(request, false), clock.instant());
        return withEntries(meta, entries);
    }

    /**
     * The metadata to store when a plain write turns {@code current} into {@code wire}.
     *
     * @param shown {@code current} as clients see it (the caller has it already: a patch applies to it)
     */
    <W> ObjectMeta updated(
            ResourceDefinition<W> def,
            StoredObject current,
            JsonNode shown,
            W wire,
            ObjectMeta meta,
            HttpServletRequest request) {
        FieldManagement fields = new FieldManagement(def.resource());
        List<ManagedFields.Entry> entries = fields.update(
                fields.content(shown),
                fields.content(json.valueToTree(wire)),
                ManagedFields.of(current.annotations()),
                manager(request, false),
                clock.instant());
        return withEntries(meta, entries);
    }

    /** The metadata to store after an apply that left these owners. */
    static ObjectMeta withEntries(ObjectMeta meta, List<ManagedFields.Entry> entries) {
        Map<String, String> annotations = new TreeMap<>(meta.annotations() == null ? Map.of() : meta.annotations());
        annotations.remove(ManagedFields.ANNOTATION);
        if (!entries.isEmpty()) {
            annotations.put(ManagedFields.ANNOTATION, ManagedFields.stored(entries));
        }
        return meta.withAnnotations(annotations.isEmpty() ? null : annotations);
    }

    /** What a client is shown: owners as {@code managedFields}, without the annotation that keeps them. */
    static ObjectMeta shown(ObjectMeta meta) {
        if (meta.annotations() == null || !meta.annotations().containsKey(ManagedFields.ANNOTATION)) {
            return meta;
        }
        Map<String, String> annotations = new TreeMap<>(meta.annotations());
        List<ManagedFields.Entry> entries = ManagedFields.of(annotations);
        annotations.remove(ManagedFields.ANNOTATION);
        List<JsonNode> managed = new java.util.ArrayList<>();
        ManagedFields.shown(entries).forEach(managed::add);
        return new ObjectMeta(
                meta.name(),
                meta.generateName(),
                meta.namespace(),
                meta.uid(),
                meta.resourceVersion(),
                meta.generation(),
                meta.creationTimestamp(),
                meta.labels(),
                annotations.isEmpty() ? null : annotations,
                managed.isEmpty() ? null : managed);
    }
}
