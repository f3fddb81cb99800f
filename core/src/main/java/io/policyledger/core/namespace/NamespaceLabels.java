package io.policyledger.core.namespace;

import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectMetaValidation;
import io.policyledger.core.validation.Violations;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels the server puts on every namespace, which selectors may therefore trust: its name and
 * its tenant. A client may repeat them but not give them other values; leaving them out keeps them.
 */
public final class NamespaceLabels {

    /** Set to the namespace's name, as Kubernetes does. */
    public static final String NAME = "kubernetes.io/metadata.name";
    /** Set to the name of the tenant that owns the namespace. */
    public static final String TENANT = "policyledger.io/tenant";

    private NamespaceLabels() {}

    /**
     * @throws io.policyledger.core.validation.InvalidObjectException if {@code requested} gives either label
     *                                                                 another value
     */
    public static Map<String, String> withServerLabels(String namespace, String tenant, Map<String, String> requested) {
        Violations v = new Violations();
        check(v, requested, NAME, namespace, "the namespace's name");
        check(v, requested, TENANT, tenant, "the namespace's tenant");
        v.throwIfAny(Kind.NAMESPACE, namespace);
        Map<String, String> labels = new TreeMap<>(requested);
        labels.put(NAME, namespace);
        labels.put(TENANT, tenant);
        return ObjectMetaValidation.sortedCopy(labels);
    }

    private static void check(Violations v, Map<String, String> requested, String key, String value, String what) {
        String given = requested.get(key);
        if (given != null && !given.equals(value)) {
            v.invalid(
                    "metadata.labels[" + key + "]",
                    given,
                    "is set by the server to " + what + " (\"" + value + "\") and may not be changed");
        }
    }
}
