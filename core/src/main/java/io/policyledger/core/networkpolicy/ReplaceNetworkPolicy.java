package io.policyledger.core.networkpolicy;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaRules;
import java.util.Map;

/** The policy becomes exactly this: the new spec replaces the old one, it is never merged with it. */
public record ReplaceNetworkPolicy(String namespace, String name, Map<String, String> labels,
                                   Map<String, String> annotations, NetworkPolicySpec spec, String expectedUid,
                                   Long expectedVersion) implements ObjectCommand {

    public ReplaceNetworkPolicy {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
        NetworkPolicyRules.validate(CreateNetworkPolicy.keyOf(namespace, name), labels, annotations, spec);
        spec = NetworkPolicyRules.withDefaults(spec);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.networkPolicy(namespace, name);
    }
}
