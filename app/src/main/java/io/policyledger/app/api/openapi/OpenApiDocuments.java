package io.policyledger.app.api.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.api.registry.ApiResource;
import io.policyledger.app.api.registry.ApiResources;
import io.policyledger.app.api.registry.GroupVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI v3 documents of the API, one per group version, built once from {@link ApiResources}.
 * Every PATCH operation names the {@code fieldValidation} query parameter and its kind's
 * {@code x-kubernetes-group-version-kind}: that is how kubectl learns it may leave validation to the
 * server. Kind schemas carry the same extension, which {@code kubectl explain} looks them up by.
 */
public final class OpenApiDocuments {

    private static final String PATCH_TYPES_NOTE = "application/json-patch+json, application/merge-patch+json";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, byte[]> documents = new LinkedHashMap<>();
    private final Map<String, String> hashes = new LinkedHashMap<>();

    public OpenApiDocuments() {
        for (GroupVersion gv : ApiResources.groupVersions()) {
            String key = gv.path().substring(1);
            byte[] body = json.valueToTree(document(gv)).toString().getBytes(StandardCharsets.UTF_8);
            documents.put(key, body);
            hashes.put(key, sha512(body));
        }
    }

    /** The index at {@code /openapi/v3}: each group version's document and the hash it is cached by. */
    public ObjectNode index() {
        ObjectNode out = json.createObjectNode();
        ObjectNode paths = out.putObject("paths");
        hashes.forEach(
                (key, hash) -> paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash));
        return out;
    }

    /** The document of {@code api/v1} or {@code apis/{group}/{version}}. */
    public Optional<byte[]> document(String key) {
        return Optional.ofNullable(documents.get(key));
    }

    private ObjectNode document(GroupVersion gv) {
        ObjectNode doc = json.createObjectNode().put("openapi", "3.0.0");
        doc.putObject("info").put("title", "policy-ledger").put("version", gv.apiVersion());
        ObjectNode paths = doc.putObject("paths");
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        for (ApiResource r : ApiResources.in(gv)) {
            SchemaGenerator generator = new SchemaGenerator(schemas, r.patchStrategies());
            String component = gv.apiVersion().replace('/', '.') + "." + r.kind();
            ObjectNode kindSchema;
            if (r.wireType() != null) {
                generator.reference(r.wireType(), component, "");
                kindSchema = (ObjectNode) schemas.get(component);
            } else {
                kindSchema = schemas.putObject(component)
                        .put("type", "object")
                        .put("x-kubernetes-preserve-unknown-fields", true);
            }
            kindSchema.put("description", r.description());
            gvk(kindSchema.putArray("x-kubernetes-group-version-kind").addObject(), r.groupVersion(), r.kind());
            String listComponent = component + "List";
            ObjectNode list = schemas.putObject(listComponent)
                    .put("type", "object")
                    .put("description", r.kind() + "List is a list of " + r.kind() + " objects.");
            ObjectNode listProperties = list.putObject("properties");
            listProperties.putObject("apiVersion").put("type", "string");
            listProperties.putObject("kind").put("type", "string");
            listProperties
                    .putObject("metadata")
                    .put("type", "object")
                    .put("x-kubernetes-preserve-unknown-fields", true);
            listProperties
                    .putObject("items")
                    .put("type", "array")
                    .putObject("items")
                    .put("$ref", "#/components/schemas/" + component);
            gvk(list.putArray("x-kubernetes-group-version-kind").addObject(), r.groupVersion(), r.listKind());
            addPaths(paths, r, component, listComponent);
        }
        return doc;
    }

    private void addPaths(ObjectNode paths, ApiResource r, String component, String listComponent) {
        String base = r.groupVersion().path();
        String collection = base + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural();
        String item = collection + "/{name}";
        ObjectNode collectionPath = paths.putObject(collection);
        parameters(collectionPath, r.namespaced(), false);
        if (r.allows("list")) {
            collectionPath.set(
                    "get",
                    operation(
                            r,
                            "list",
                            r.kind(),
                            listComponent,
                            List.of(
                                    "labelSelector",
                                    "fieldSelector",
                                    "limit",
                                    "continue",
                                    "resourceVersion",
                                    "watch",
                                    "timeoutSeconds",
                                    "allowWatchBookmarks")));
        }
        if (r.allows("create")) {
            collectionPath.set(
                    "post",
                    withBody(
                            operation(
                                    r,
                                    "post",
                                    r.kind(),
                                    component,
                                    List.of("dryRun", "fieldManager", "fieldValidation")),
                            component,
                            List.of("application/json", "application/yaml")));
        }
        if (r.namespaced() && r.allows("list")) {
            ObjectNode everywhere = paths.putObject(base + "/" + r.plural());
            everywhere.set(
                    "get",
                    operation(
                            r,
                            "list",
                            r.kind(),
                            listComponent,
                            List.of(
                                    "labelSelector",
                                    "fieldSelector",
                                    "limit",
                                    "continue",
                                    "resourceVersion",
                                    "watch",
                                    "timeoutSeconds",
                                    "allowWatchBookmarks")));
        }
        if (!r.allows("get") && !r.allows("update") && !r.allows("delete")) {
            return;
        }
        ObjectNode itemPath = paths.putObject(item);
        parameters(itemPath, r.namespaced(), true);
        if (r.allows("get")) {
            itemPath.set("get", operation(r, "get", r.kind(), component, List.of("resourceVersion")));
        }
        if (r.allows("update")) {
            itemPath.set(
                    "put",
                    withBody(
                            operation(
                                    r,
                                    "put",
                                    r.kind(),
                                    component,
                                    List.of("dryRun", "fieldManager", "fieldValidation")),
                            component,
                            List.of("application/json", "application/yaml")));
        }
        if (r.allows("patch")) {
            itemPath.set("patch", patch(r, component));
        }
        if (r.allows("delete")) {
            itemPath.set("delete", operation(r, "delete", r.kind(), null, List.of("dryRun")));
        }
        for (ApiResource.Subresource sub : r.subresources()) {
            if (!sub.kind().equals(r.kind())) {
                continue;
            }
            ObjectNode subPath = paths.putObject(item + "/" + sub.name());
            parameters(subPath, r.namespaced(), true);
            if (sub.verbs().contains("get")) {
                subPath.set("get", operation(r, "get", r.kind(), component, List.of()));
            }
            if (sub.verbs().contains("update")) {
                subPath.set(
                        "put",
                        withBody(
                                operation(
                                        r,
                                        "put",
                                        r.kind(),
                                        component,
                                        List.of("dryRun", "fieldManager", "fieldValidation")),
                                component,
                                List.of("application/json")));
            }
            if (sub.verbs().contains("patch")) {
                subPath.set("patch", patch(r, component));
            }
        }
    }

    private ObjectNode patch(ApiResource r, String component) {
        List<String> types = r.strategicMerge()
                ? List.of(
                        "application/json-patch+json",
                        "application/merge-patch+json",
                        "application/strategic-merge-patch+json",
                        "application/apply-patch+yaml")
                : List.of(
                        "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml");
        ObjectNode op = operation(
                r, "patch", r.kind(), component, List.of("dryRun", "fieldManager", "fieldValidation", "force"));
        ObjectNode content = op.putObject("requestBody").putObject("content");
        for (String type : types) {
            content.putObject(type).putObject("schema").put("type", "object");
        }
        op.put(
                "description",
                "partially update the specified " + r.kind() + " (" + PATCH_TYPES_NOTE
                        + (r.strategicMerge() ? ", application/strategic-merge-patch+json" : "")
                        + ", application/apply-patch+yaml)");
        return op;
    }

    private ObjectNode operation(
            ApiResource r, String action, String kind, String responseComponent, List<String> queryParameters) {
        ObjectNode op = json.createObjectNode();
        op.put("operationId", action + r.kind() + (r.namespaced() ? "Namespaced" : ""));
        op.put("x-kubernetes-action", action);
        gvk(op.putObject("x-kubernetes-group-version-kind"), r.groupVersion(), kind);
        ArrayNode parameters = op.putArray("parameters");
        for (String name : queryParameters) {
            ObjectNode p = parameters
                    .addObject()
                    .put("name", name)
                    .put("in", "query")
                    .put("description", QueryParameterDescriptions.of(name));
            p.putObject("schema")
                    .put(
                            "type",
                            switch (name) {
                                case "limit", "timeoutSeconds" -> "integer";
                                case "watch", "allowWatchBookmarks", "force" -> "boolean";
                                default -> "string";
                            });
            p.put("uniqueItems", true);
        }
        ObjectNode ok = op.putObject("responses").putObject("200").put("description", "OK");
        if (responseComponent != null) {
            ObjectNode content = ok.putObject("content");
            for (String type : List.of("application/json", "application/yaml")) {
                content.putObject(type).putObject("schema").put("$ref", "#/components/schemas/" + responseComponent);
            }
        }
        return op;
    }

    private ObjectNode withBody(ObjectNode op, String component, List<String> types) {
        ObjectNode content = op.putObject("requestBody").putObject("content");
        for (String type : types) {
            content.putObject(type).putObject("schema").put("$ref", "#/components/schemas/" + component);
        }
        return op;
    }

    private static void parameters(ObjectNode path, boolean namespaced, boolean named) {
        ArrayNode parameters = path.putArray("parameters");
        if (named) {
            ObjectNode name = parameters
                    .addObject()
                    .put("name", "name")
                    .put("in", "path")
                    .put("required", true)
                    .put("description", "name of the object");
            name.putObject("schema").put("type", "string");
        }
        if (namespaced) {
            ObjectNode ns = parameters
                    .addObject()
                    .put("name", "namespace")
                    .put("in", "path")
                    .put("required", true)
                    .put("description", "object name and auth scope, such as for teams and projects");
            ns.putObject("schema").put("type", "string");
        }
    }

    private static void gvk(ObjectNode target, GroupVersion gv, String kind) {
        target.put("group", gv.group()).put("version", gv.version()).put("kind", kind);
    }

    private static String sha512(byte[] body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-512").digest(body))
                    .toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
