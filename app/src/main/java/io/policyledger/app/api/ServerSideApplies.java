package io.policyledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.api.apply.FieldManagement;
import io.policyledger.app.api.apply.ManagedFields;
import io.policyledger.query.objects.StoredObject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}): the object an applied
 * configuration makes of the current one (or of nothing: an apply creates), with its owners, as the
 * wire JSON the write then decodes and stores. {@code ?force=true} takes over conflicting fields.
 */
@Component
class ServerSideApplies {

    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    ServerSideApplies(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param current the object now, or null when the apply creates it
     * @return the whole object to store, in its wire form
     */
    <W> JsonNode applied(
            ResourceDefinition<W> def,
            StoredObject current,
            JsonNode config,
            String namespace,
            String name,
            HttpServletRequest request) {
        checkIdentity(def, config, namespace, name);
        String force = request.getParameter("force");
        if (force != null && !force.isEmpty() && !force.equals("true") && !force.equals("false")) {
            throw ApiException.badRequest("force must be true or false, not \"" + force + "\"");
        }
        FieldManagement fields = new FieldManagement(def.resource());
        JsonNode live = current == null ? null : fields.content(json.valueToTree(WireForm.of(def, current)));
        List<ManagedFields.Entry> owners = current == null ? List.of() : ManagedFields.of(current.annotations());
        FieldManagement.Applied applied = fields.apply(
                live,
                fields.content(config),
                owners,
                Ownership.manager(request, true),
                "true".equals(force),
                clock.instant());
        ObjectNode whole = (ObjectNode) applied.object().deepCopy();
        whole.put("apiVersion", def.apiVersion()).put("kind", def.kind().kindName());
        ObjectNode meta = whole.get("metadata") instanceof ObjectNode m ? m : whole.putObject("metadata");
        meta.put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        if (current != null) {
            meta.put("uid", current.uid());
        }
        ObjectNode annotations = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
        annotations.put(ManagedFields.ANNOTATION, ManagedFields.stored(applied.entries()));
        return whole;
    }

    private static <W> void checkIdentity(ResourceDefinition<W> def, JsonNode config, String namespace, String name) {
        String apiVersion = config.path("apiVersion").asText("");
        String kind = config.path("kind").asText("");
        if (!apiVersion.equals(def.apiVersion()) || !kind.equals(def.kind().kindName())) {
            throw ApiException.badRequest(
                    "an applied configuration must name its apiVersion and kind (" + def.apiVersion() + ", "
                            + def.kind().kindName() + "), not \"" + apiVersion + "\", \"" + kind + "\"");
        }
        String sentName = config.at("/metadata/name").asText("");
        if (!sentName.isEmpty() && !sentName.equals(name)) {
            throw ApiException.badRequest(
                    "the name of the object (" + sentName + ") does not match the name on the URL (" + name + ")");
        }
        String sentNamespace = config.at("/metadata/namespace").asText("");
        if (namespace != null && !sentNamespace.isEmpty() && !sentNamespace.equals(namespace)) {
            throw ApiException.badRequest("the namespace of the provided object (" + sentNamespace
                    + ") does not match the namespace sent on the request (" + namespace + ")");
        }
        for (String pointer : List.of("/metadata", "/metadata/labels", "/metadata/annotations")) {
            JsonNode part = config.at(pointer);
            if (!part.isMissingNode() && !part.isNull() && !part.isObject()) {
                throw ApiException.badRequest(pointer.substring(1).replace('/', '.') + " must be an object");
            }
        }
        if (config.at("/metadata/managedFields").isArray()
                && !config.at("/metadata/managedFields").isEmpty()) {
            throw ApiException.badRequest("metadata.managedFields must be empty in an applied configuration");
        }
    }
}
