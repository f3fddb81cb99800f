package io.policyledger.core.namespace;

import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaRules;
import io.policyledger.core.validation.Violations;
import java.util.Map;

final class NamespaceRules {

    private NamespaceRules() {
    }

    static void validate(String name, Map<String, String> labels, Map<String, String> annotations) {
        Violations v = new Violations();
        ObjectMetaRules.validate(v, ObjectKey.namespace(name == null ? "" : name), labels, annotations);
        v.throwIfAny(Kind.NAMESPACE, name);
    }
}
