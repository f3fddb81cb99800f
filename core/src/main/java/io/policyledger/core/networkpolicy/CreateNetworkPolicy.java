package io.policyledger.core.networkpolicy;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

public record CreateNetworkPolicy(
        String namespace,
        String name,
        String uid,
        Map<String, String> labels,
        Map<String, String> annotations,
        NetworkPolicySpec spec)
        implements ObjectCommand {

    public CreateNetworkPolicy {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
        NetworkPolicyValidation.validate(keyOf(namespace, name), labels, annotations, spec);
        spec = NetworkPolicyValidation.withDefaults(spec);
    }

    @Override
    public boolean isCreation() {
        return true;
    }

    @Override
    public ObjectKey key() {
        return keyOf(namespace, name);
    }

    static ObjectKey keyOf(String namespace, String name) {
        return ObjectKey.networkPolicy(namespace == null ? "" : namespace, name == null ? "" : name);
    }
}
