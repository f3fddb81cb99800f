package io.policyledger.app.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.policyledger.app.PolicyLedgerProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeType;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Turns request bodies into typed objects the way a strict Kubernetes API server does: JSON or YAML,
 * unknown and duplicate fields refused with the field named, no silent coercion of types, bounded size
 * and nesting. Every failure is a 4xx {@link ApiException}; nothing malformed reaches a command.
 */
@Component
public class RequestBodyDecoder {

    static final int MAX_NESTING_DEPTH = 64;
    private static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml");

    private final int maxBytes;
    private final ObjectMapper json;
    private final ObjectMapper yaml;

    public RequestBodyDecoder(PolicyLedgerProperties properties) {
        this.maxBytes = properties.maxBodyBytes();
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(maxBytes)
                .build();
        this.json = strict(JsonMapper.builder(
                        JsonFactory.builder().streamReadConstraints(limits).build())
                .build());
        LoaderOptions loader = new LoaderOptions();
        loader.setAllowDuplicateKeys(false);
        loader.setMaxAliasesForCollections(20);
        loader.setNestingDepthLimit(MAX_NESTING_DEPTH);
        loader.setCodePointLimit(maxBytes);
        YAMLFactory yamlFactory = YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(limits)
                .build();
        this.yaml = strict(new YAMLMapper(yamlFactory));
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        // A number or boolean where a string belongs ({"labels": {"a": 1}}, YAML "on: true") is refused,
        // not quietly turned into a string.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    }

    /**
     * Reads and decodes the body of a create or replace, with unknown fields treated as the request's
     * {@code fieldValidation} says.
     */
    public <T> T decode(HttpServletRequest request, Class<T> type) {
        return decode(read(request), isYaml(request, Set.of("application/json")), type, FieldValidation.of(request));
    }

    /** Reads the body of a PATCH as a JSON tree; {@code patchTypes} are the content types accepted. */
    public JsonNode readPatch(HttpServletRequest request, Set<String> patchTypes) {
        byte[] body = read(request);
        boolean yamlBody = isYaml(request, patchTypes);
        try {
            return (yamlBody ? yaml : json).readTree(body);
        } catch (IOException e) {
            throw decodingFailure(e);
        }
    }

    /** Conversion of a tree (a patched object) into its type, with the same errors and warnings as a body. */
    public <T> T convert(HttpServletRequest request, JsonNode tree, Class<T> type) {
        FieldValidation validation = FieldValidation.of(request);
        UnknownFields unknown = new UnknownFields();
        try {
            T value = reader(json, type, validation, unknown).readValue(tree);
            validation.report(unknown.paths());
            return value;
        } catch (IOException | IllegalArgumentException e) {
            throw decodingFailure(e);
        }
    }

    /** Reads an optional body (DELETE options): null when there is none. */
    public <T> T decodeOptional(HttpServletRequest request, Class<T> type) {
        byte[] body = read(request);
        if (body.length == 0) {
            return null;
        }
        return decode(body, isYaml(request, Set.of("application/json")), type, FieldValidation.STRICT);
    }

    private <T> T decode(byte[] body, boolean yamlBody, Class<T> type, FieldValidation validation) {
        if (body.length == 0) {
            throw ApiException.badRequest("the request body is required");
        }
        UnknownFields unknown = new UnknownFields();
        try {
            T value = reader(yamlBody ? yaml : json, type, validation, unknown).readValue(body);
            validation.report(unknown.paths());
            if (value == null) {
                throw ApiException.badRequest("the request body must be an object, not null");
            }
            return value;
        } catch (IOException e) {
            throw decodingFailure(e);
        }
    }

    private static ObjectReader reader(
            ObjectMapper mapper, Class<?> type, FieldValidation validation, UnknownFields unknown) {
        ObjectReader reader = mapper.readerFor(type);
        return validation == FieldValidation.STRICT
                ? reader
                : reader.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .withHandler(unknown);
    }

    /** The body's bytes as sent (bounded like every body), for formats decoded elsewhere (protobuf). */
    public byte[] readRaw(HttpServletRequest request) {
        return read(request);
    }

    /** A JSON or YAML body as a tree (for small request objects without a record of their own). */
    public JsonNode readTree(byte[] body, HttpServletRequest request) {
        try {
            return (isYaml(request, Set.of("application/json")) ? yaml : json).readTree(body);
        } catch (IOException e) {
            throw decodingFailure(e);
        }
    }

    private byte[] read(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
        }
    }

    private ApiException tooLarge() {
        return ApiException.tooLarge("the request body is larger than " + maxBytes + " bytes");
    }

    private static boolean isYaml(HttpServletRequest request, Set<String> jsonTypes) {
        String header = request.getContentType();
        if (header == null || header.isBlank()) {
            throw ApiException.unsupportedMediaType("a Content-Type is required: one of " + describe(jsonTypes));
        }
        MimeType type;
        try {
            type = MimeType.valueOf(header);
        } catch (IllegalArgumentException e) {
            throw ApiException.unsupportedMediaType("the Content-Type \"" + header + "\" is not valid");
        }
        String base = type.getType() + "/" + type.getSubtype();
        if (base.equals("application/apply-patch+yaml") && jsonTypes.contains(base)) {
            return true; // YAML, of which JSON is a subset
        }
        if (jsonTypes.contains(base)) {
            return false;
        }
        if (YAML_TYPES.contains(base) && jsonTypes.contains("application/json")) {
            return true;
        }
        throw ApiException.unsupportedMediaType("the body of the request was in an unknown format - accepted "
                + "media types include: " + describe(jsonTypes));
    }

    private static String describe(Set<String> jsonTypes) {
        StringBuilder s =
                new StringBuilder(String.join(", ", jsonTypes.stream().sorted().toList()));
        if (jsonTypes.contains("application/json")) {
            s.append(", application/yaml");
        }
        return s.toString();
    }

    private static ApiException decodingFailure(Exception e) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ApiException.badRequest("strict decoding error: unknown field \"" + path(unknown) + "\"");
        }
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            return ApiException.badRequest("the request body is nested too deeply or holds too long a value (limits: "
                    + MAX_NESTING_DEPTH + " levels)");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException dup
                    && dup.getOriginalMessage() != null
                    && dup.getOriginalMessage().startsWith("Duplicate field")) {
                return ApiException.badRequest("strict decoding error: " + dup.getOriginalMessage());
            }
        }
        if (e instanceof JsonParseException parse) {
            return ApiException.badRequest(
                    "the request body is not well-formed: " + firstLine(parse.getOriginalMessage()));
        }
        if (e instanceof JsonMappingException mapping) {
            String where = path(mapping);
            String what = mapping.getCause() instanceof IllegalArgumentException cause
                    ? cause.getMessage()
                    : mapping.getOriginalMessage();
            return ApiException.badRequest("unable to decode the request body"
                    + (where.isEmpty() ? "" : " at \"" + where + "\"") + ": " + firstLine(what));
        }
        if (e instanceof JsonProcessingException processing) {
            return ApiException.badRequest(
                    "the request body is not well-formed: " + firstLine(processing.getOriginalMessage()));
        }
        return ApiException.badRequest("the request body is not well-formed: " + firstLine(e.getMessage()));
    }

    private static String path(JsonMappingException e) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!s.isEmpty()) {
                    s.append('.');
                }
                s.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed input";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
