package io.policyledger.app.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.api.ApiException;
import io.policyledger.app.api.registry.ApiResource;
import io.policyledger.app.api.registry.TableColumn;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Server-side printing: an object or list answered as a {@code meta.k8s.io/v1} Table when the client asks
 * for one ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}), which is how {@code kubectl get}
 * prints columns. Each row carries the object's metadata (or the object, or nothing, per
 * {@code includeObject}), from which kubectl adds the namespace and labels columns.
 */
@Component
public class Tables {

    public static final MediaType TABLE = MediaType.parseMediaType("application/json;as=Table;v=v1;g=meta.k8s.io");

    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public Tables(Clock clock) {
        this.clock = clock;
    }

    /** Whether the request's Accept header asks for a Table (v1 or v1beta1; both are answered as v1). */
    public static boolean requested(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null || !accept.contains("Table")) {
            return false;
        }
        try {
            for (MediaType type : MediaType.parseMediaTypes(accept)) {
                if ("Table".equals(type.getParameter("as")) && "meta.k8s.io".equals(type.getParameter("g"))) {
                    return true;
                }
            }
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        return false;
    }

    /** What rows carry: {@code None}, {@code Metadata} (the default) or {@code Object}. */
    public static String includeObject(HttpServletRequest request) {
        String include = request.getParameter("includeObject");
        include = include == null || include.isEmpty() ? "Metadata" : include;
        if (!List.of("None", "Metadata", "Object").contains(include)) {
            throw ApiException.badRequest("includeObject must be None, Metadata or Object, not \"" + include + "\"");
        }
        return include;
    }

    /** The Table of an object or a list (its {@code items}) of the given resource. */
    public ObjectNode of(ApiResource resource, JsonNode body, HttpServletRequest request) {
        String include = includeObject(request);
        List<TableColumn> columns = resource.columns().isEmpty()
                ? List.of(TableColumn.objectName(), TableColumn.objectAge())
                : resource.columns();
        ObjectNode table = json.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        boolean list = body.has("items");
        JsonNode listMeta = body.path("metadata");
        if (list) {
            for (String field : List.of("resourceVersion", "continue", "remainingItemCount")) {
                if (listMeta.hasNonNull(field)) {
                    metadata.set(field, listMeta.get(field));
                }
            }
        } else if (listMeta.hasNonNull("resourceVersion")) {
            metadata.set("resourceVersion", listMeta.get("resourceVersion"));
        }
        ArrayNode definitions = table.putArray("columnDefinitions");
        for (TableColumn c : columns) {
            definitions
                    .addObject()
                    .put("name", c.name())
                    .put("type", c.type())
                    .put("format", c.format())
                    .put("description", c.description())
                    .put("priority", c.priority());
        }
        ArrayNode rows = table.putArray("rows");
        Instant now = clock.instant();
        List<JsonNode> objects = new ArrayList<>();
        if (list) {
            body.path("items").forEach(objects::add);
        } else {
            objects.add(body);
        }
        for (JsonNode object : objects) {
            rows.add(row(object, columns, now, include));
        }
        return table;
    }

    private ObjectNode row(JsonNode object, List<TableColumn> columns, Instant now, String include) {
        ObjectNode row = json.createObjectNode();
        ArrayNode cells = row.putArray("cells");
        for (TableColumn c : columns) {
            cells.add(json.valueToTree(c.cell().of(object, now)));
        }
        switch (include) {
            case "Object" -> row.set("object", object);
            case "Metadata" -> {
                ObjectNode partial = row.putObject("object")
                        .put("kind", "PartialObjectMetadata")
                        .put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", object.has("metadata") ? object.get("metadata") : json.createObjectNode());
            }
            default -> {}
        }
        return row;
    }
}
