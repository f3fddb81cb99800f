package io.policyledger.core.namespace;

import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaRules;
import io.policyledger.core.validation.NameRules;
import io.policyledger.core.validation.Violations;
import java.util.Map;

final class NamespaceRules {

    private NamespaceRules() {
    }

    /** @param tenant the owning tenant on creation, null on changes (it cannot change) */
    static void validate(String name, String tenant, Map<String, String> labels, Map<String, String> annotations) {
        Violations v = new Violations();
        ObjectMetaRules.validate(v, ObjectKey.namespace(name == null ? "" : name), labels, annotations);
        NamespaceIsolation.validate(v, annotations);
        if (tenant != null) {
            NameRules.dns1123Label(tenant).forEach(p -> v.invalid("metadata.labels[" + NamespaceLabels.TENANT + "]",
                    tenant, p));
        }
        v.throwIfAny(Kind.NAMESPACE, name);
    }
}
