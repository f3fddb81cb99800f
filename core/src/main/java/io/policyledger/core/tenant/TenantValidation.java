package io.policyledger.core.tenant;

import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import io.policyledger.core.validation.Violations;
import java.util.Map;

final class TenantValidation {

    private TenantValidation() {}

    /** A tenant's name becomes a label value on its namespaces, so it is a DNS-1123 label (as namespace names are). */
    static void validate(String name, Map<String, String> labels, Map<String, String> annotations) {
        Violations v = new Violations();
        ObjectMetaValidation.validate(v, ObjectKey.tenant(name == null ? "" : name), labels, annotations);
        v.throwIfAny(Kind.TENANT, name);
    }
}
