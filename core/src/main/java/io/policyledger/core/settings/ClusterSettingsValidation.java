package io.policyledger.core.settings;

import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import io.policyledger.core.validation.Limits;
import io.policyledger.core.validation.NameValidation;
import io.policyledger.core.validation.Violations;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

final class ClusterSettingsValidation {

    /** There is one set of cluster settings. */
    static final String NAME = "default";

    private ClusterSettingsValidation() {}

    static void validate(
            String name, Map<String, String> labels, Map<String, String> annotations, ClusterSettingsSpec spec) {
        Violations v = new Violations();
        ObjectMetaValidation.validate(v, ObjectKey.clusterSettings(name == null ? "" : name), labels, annotations);
        if (name != null && !name.isEmpty() && !NAME.equals(name)) {
            v.invalid("metadata.name", name, "the cluster settings object is named \"" + NAME + "\"");
        }
        List<String> keys = spec == null ? List.of() : spec.protectedLabelKeys();
        if (Limits.within(v, "spec.protectedLabelKeys", keys.size(), Limits.PROTECTED_LABEL_KEYS)) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                String at = "spec.protectedLabelKeys[" + i + "]";
                NameValidation.qualifiedName(key).forEach(p -> v.invalid(at, key, p));
                if (!seen.add(key)) {
                    v.duplicate(at, key);
                }
            }
        }
        List<String> names = spec == null ? List.of() : spec.reservedNamespaceNames();
        if (Limits.within(v, "spec.reservedNamespaceNames", names.size(), Limits.PROTECTED_LABEL_KEYS)) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < names.size(); i++) {
                String pattern = names.get(i);
                String at = "spec.reservedNamespaceNames[" + i + "]";
                String prefix = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
                if (prefix.isEmpty()) {
                    v.invalid(at, pattern, "a name, or a non-empty prefix followed by *");
                } else if (pattern.endsWith("*")) {
                    if (!prefix.matches("[a-z0-9]([-a-z0-9]*)?")) {
                        v.invalid(at, pattern, "a prefix of a DNS-1123 label followed by *");
                    }
                } else {
                    NameValidation.dns1123Label(pattern).forEach(p -> v.invalid(at, pattern, p));
                }
                if (!seen.add(pattern)) {
                    v.duplicate(at, pattern);
                }
            }
        }
        v.throwIfAny(Kind.CLUSTER_SETTINGS, name);
    }

    /** Keys sorted, so that equal settings are equal events. */
    static ClusterSettingsSpec normalized(ClusterSettingsSpec spec) {
        ClusterSettingsSpec s = spec == null ? ClusterSettingsSpec.NONE : spec;
        return new ClusterSettingsSpec(
                List.copyOf(new TreeSet<>(s.protectedLabelKeys())),
                List.copyOf(new TreeSet<>(s.reservedNamespaceNames())));
    }
}
