package io.policyledger.app.api.review;

import io.policyledger.app.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of Kubernetes' protobuf encoding to read a review request: the {@code k8s\0} magic, the
 * {@code runtime.Unknown} envelope (typeMeta = 1, raw = 2), and protobuf messages as maps of field
 * number to values, read without a schema (strings and nested messages are both length-delimited: the
 * caller knows which fields are which).
 */
final class KubernetesProtobuf {

    static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};

    /** One message: field number to its values in order (a repeated field has several). */
    record Message(Map<Integer, List<Object>> fields) {

        String string(int field) {
            Object value = first(field);
            return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : "";
        }

        Message message(int field) {
            Object value = first(field);
            return value instanceof byte[] bytes ? parse(bytes) : new Message(Map.of());
        }

        boolean has(int field) {
            return fields.containsKey(field);
        }

        private Object first(int field) {
            List<Object> values = fields.get(field);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private KubernetesProtobuf() {}

    /** The object inside the envelope: its kind (from the envelope's typeMeta) is checked against {@code kind}. */
    static Message unwrap(byte[] body, String kind) {
        if (body.length < MAGIC.length
                || body[0] != MAGIC[0]
                || body[1] != MAGIC[1]
                || body[2] != MAGIC[2]
                || body[3] != MAGIC[3]) {
            throw ApiException.badRequest("a protobuf body must start with the Kubernetes magic \"k8s\\0\"");
        }
        byte[] rest = new byte[body.length - MAGIC.length];
        System.arraycopy(body, MAGIC.length, rest, 0, rest.length);
        Message unknown = parse(rest);
        String sent = unknown.message(1).string(2);
        if (!sent.isEmpty() && !sent.equals(kind)) {
            throw ApiException.badRequest("the body is a " + sent + ", not a " + kind);
        }
        return unknown.message(2);
    }

    static Message parse(byte[] bytes) {
        Map<Integer, List<Object>> fields = new LinkedHashMap<>();
        int[] at = {0};
        try {
            while (at[0] < bytes.length) {
                long tag = varint(bytes, at);
                int field = (int) (tag >>> 3);
                int wireType = (int) (tag & 7);
                Object value = switch (wireType) {
                    case 0 -> varint(bytes, at);
                    case 1 -> skip(bytes, at, 8);
                    case 2 -> {
                        int length = (int) varint(bytes, at);
                        if (length < 0 || length > bytes.length - at[0]) {
                            throw new IllegalArgumentException("truncated field " + field);
                        }
                        byte[] value2 = new byte[length];
                        System.arraycopy(bytes, at[0], value2, 0, length);
                        at[0] += length;
                        yield value2;
                    }
                    case 5 -> skip(bytes, at, 4);
                    default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
                };
                fields.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw ApiException.badRequest("the protobuf body is malformed: " + e.getMessage());
        }
        return new Message(fields);
    }

    private static long varint(byte[] bytes, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= bytes.length) {
                throw new IllegalArgumentException("truncated varint");
            }
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    private static Object skip(byte[] bytes, int[] at, int length) {
        if (at[0] + length > bytes.length) {
            throw new IllegalArgumentException("truncated fixed-width field");
        }
        at[0] += length;
        return null;
    }
}
