package io.policyledger.core.namespace;

import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import io.policyledger.core.validation.NameValidation;
import io.policyledger.core.validation.Violations;
import java.util.Map;

final class NamespaceValidation {

    private NamespaceValidation() {}

    /** @param tenant the owning tenant on creation, null on changes (it cannot change) */
    static void validate(String name, String tenant, Map<String, String> labels, Map<String, String> annotations) {
        Violations v = new Violations();
        ObjectMetaValidation.validate(v, ObjectKey.namespace(name == null ? "" : name), labels, annotations);
        NamespaceIsolation.validate(v, annotations);
        if (tenant != null) {
            NameValidation.dns1123Label(tenant)
                    .forEach(p -> v.invalid("metadata.labels[" + NamespaceLabels.TENANT + "]", tenant, p));
        }
        v.throwIfAny(Kind.NAMESPACE, name);
    }
}
