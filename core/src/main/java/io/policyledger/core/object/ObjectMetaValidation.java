package io.policyledger.core.object;

import io.policyledger.core.selector.LabelSelectorValidation;
import io.policyledger.core.validation.Limits;
import io.policyledger.core.validation.NameValidation;
import io.policyledger.core.validation.Violations;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Validation of the {@code metadata} every object carries: names, labels, annotations. */
public final class ObjectMetaValidation {

    /** As the Kubernetes API: the sum of annotation keys and values may not exceed 256 KiB. */
    public static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;
    /**
     * The server's own record of field ownership (shown to clients as {@code metadata.managedFields}):
     * not the client's annotation, so it counts against neither limit, and has a limit of its own.
     */
    public static final String MANAGED_FIELDS_ANNOTATION = "policyledger.io/managed-fields";

    private ObjectMetaValidation() {}

    public static void validate(
            Violations v, ObjectKey key, Map<String, String> labels, Map<String, String> annotations) {
        if (key.kind().namespaced()) {
            name(v, "metadata.namespace", key.namespace(), true);
            name(v, "metadata.name", key.name(), false);
        } else {
            name(v, "metadata.name", key.name(), true);
        }
        if (Limits.within(v, "metadata.labels", labels.size(), Limits.LABELS)) {
            LabelSelectorValidation.labels(v, "metadata.labels", labels);
        }
        String managed = annotations.get(MANAGED_FIELDS_ANNOTATION);
        int own = annotations.size() - (managed == null ? 0 : 1);
        if (Limits.within(v, "metadata.annotations", own, Limits.ANNOTATIONS)) {
            annotations(v, annotations);
        }
        if (managed != null && managed.getBytes(StandardCharsets.UTF_8).length > ANNOTATIONS_MAX_BYTES) {
            v.tooLong("metadata.managedFields", ANNOTATIONS_MAX_BYTES);
        }
    }

    private static void name(Violations v, String field, String value, boolean label) {
        if (value.isEmpty()) {
            v.required(field, "name or generateName is required");
            return;
        }
        for (String problem : label ? NameValidation.dns1123Label(value) : NameValidation.dns1123Subdomain(value)) {
            v.invalid(field, value, problem);
        }
    }

    private static void annotations(Violations v, Map<String, String> annotations) {
        long bytes = 0;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            if (e.getKey().equals(MANAGED_FIELDS_ANNOTATION)) {
                continue;
            }
            for (String problem : NameValidation.qualifiedName(e.getKey().toLowerCase(Locale.ROOT))) {
                v.invalid("metadata.annotations", e.getKey(), problem);
            }
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length;
            if (e.getValue() == null) {
                v.required("metadata.annotations[" + e.getKey() + "]", "");
            } else {
                bytes += e.getValue().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (bytes > ANNOTATIONS_MAX_BYTES) {
            v.tooLong("metadata.annotations", ANNOTATIONS_MAX_BYTES);
        }
    }

    /** A sorted, unmodifiable copy (null becomes empty), so equal maps serialize identically. */
    public static Map<String, String> sortedCopy(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
