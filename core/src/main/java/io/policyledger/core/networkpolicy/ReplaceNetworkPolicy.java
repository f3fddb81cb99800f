package io.policyledger.core.networkpolicy;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

/** The policy becomes exactly this: the new spec replaces the old one, it is never merged with it. */
public record ReplaceNetworkPolicy(
        String namespace,
        String name,
        Map<String, String> labels,
        Map<String, String> annotations,
        NetworkPolicySpec spec,
        String expectedUid,
        Long expectedVersion)
        implements ObjectCommand {

    public ReplaceNetworkPolicy {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
        NetworkPolicyValidation.validate(CreateNetworkPolicy.keyOf(namespace, name), labels, annotations, spec);
        spec = NetworkPolicyValidation.withDefaults(spec);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.networkPolicy(namespace, name);
    }
}
