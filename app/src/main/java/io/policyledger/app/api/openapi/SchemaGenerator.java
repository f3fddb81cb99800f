package io.policyledger.app.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.api.registry.PatchStrategy;
import io.policyledger.core.networkpolicy.IntOrString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * OpenAPI v3 schemas derived from the records the server reads and writes objects with, so the schema
 * kubectl validates against and explains is the decoder's own: a field that is not in a record is not
 * in the schema. Descriptions come from {@code descriptions.properties} ({@code Type.field=...}).
 */
final class SchemaGenerator {

    private static final Properties DESCRIPTIONS = load();

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectNode components;
    private final Map<String, PatchStrategy> patchStrategies;

    /**
     * @param components      where component schemas are added ({@code components.schemas})
     * @param patchStrategies the resource's strategic-merge strategies by dotted path, shown as Kubernetes'
     *                        {@code x-kubernetes-patch-*} extensions
     */
    SchemaGenerator(ObjectNode components, Map<String, PatchStrategy> patchStrategies) {
        this.components = components;
        this.patchStrategies = patchStrategies;
    }

    /** A reference to the component schema of a record type, adding it (and what it uses) when missing. */
    ObjectNode reference(Class<?> type, String componentName, String path) {
        if (!components.has(componentName)) {
            ObjectNode schema = json.createObjectNode();
            components.set(componentName, schema);
            fill(schema, type, path);
        }
        return json.createObjectNode().put("$ref", "#/components/schemas/" + componentName);
    }

    static String componentName(Class<?> type) {
        return type.getName().replace('$', '.');
    }

    private void fill(ObjectNode schema, Class<?> type, String path) {
        schema.put("type", "object");
        String typeDescription = DESCRIPTIONS.getProperty(type.getSimpleName());
        if (typeDescription != null) {
            schema.put("description", typeDescription);
        }
        ObjectNode properties = schema.putObject("properties");
        for (RecordComponent c : type.getRecordComponents()) {
            String fieldPath = path.isEmpty() ? c.getName() : path + "." + c.getName();
            ObjectNode property = schemaOf(c.getGenericType(), fieldPath);
            String description = DESCRIPTIONS.getProperty(type.getSimpleName() + "." + c.getName());
            if (description != null) {
                if (property.has("$ref")) {
                    // A $ref cannot carry a description beside it in OpenAPI 3.0; Kubernetes wraps it in allOf.
                    ObjectNode wrapped = json.createObjectNode();
                    wrapped.putArray("allOf").add(property);
                    property = wrapped;
                }
                property.put("description", description);
            }
            PatchStrategy strategy = patchStrategies.get(fieldPath);
            if (strategy != null) {
                property.put("x-kubernetes-patch-strategy", strategy.strategy());
                if (strategy.mergeKey() != null) {
                    property.put("x-kubernetes-patch-merge-key", strategy.mergeKey());
                }
            }
            properties.set(c.getName(), property);
        }
        if (type.getRecordComponents().length == 0) {
            schema.put("x-kubernetes-preserve-unknown-fields", true);
        }
    }

    ObjectNode schemaOf(Type type, String path) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                ObjectNode array = json.createObjectNode().put("type", "array");
                array.set("items", schemaOf(arguments[0], path));
                return array;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode map = json.createObjectNode().put("type", "object");
                map.set("additionalProperties", schemaOf(arguments[1], path));
                return map;
            }
            return schemaOf(raw, path);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return json.createObjectNode().put("type", "string");
        }
        if (c == Integer.class || c == int.class) {
            return json.createObjectNode().put("type", "integer").put("format", "int32");
        }
        if (c == Long.class || c == long.class) {
            return json.createObjectNode().put("type", "integer").put("format", "int64");
        }
        if (c == Boolean.class || c == boolean.class) {
            return json.createObjectNode().put("type", "boolean");
        }
        if (c == IntOrString.class) {
            return json.createObjectNode().put("format", "int-or-string").put("x-kubernetes-int-or-string", true);
        }
        if (c.isEnum()) {
            ObjectNode schema = json.createObjectNode().put("type", "string");
            for (Object constant : c.getEnumConstants()) {
                schema.withArray("enum").add(constant.toString());
            }
            return schema;
        }
        if (c.isRecord()) {
            return reference(c, componentName(c), path);
        }
        if (JsonNode.class.isAssignableFrom(c) || c == Object.class) {
            return json.createObjectNode().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        }
        throw new IllegalStateException("no OpenAPI schema for " + c + " at " + path);
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = SchemaGenerator.class.getResourceAsStream("descriptions.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
