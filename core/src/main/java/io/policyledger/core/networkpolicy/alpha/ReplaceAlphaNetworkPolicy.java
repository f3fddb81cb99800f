package io.policyledger.core.networkpolicy.alpha;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

/** The policy becomes exactly this: the new spec replaces the old one, it is never merged with it. */
public record ReplaceAlphaNetworkPolicy(
        String namespace,
        String name,
        Map<String, String> labels,
        Map<String, String> annotations,
        AlphaNetworkPolicySpec spec,
        String expectedUid,
        Long expectedVersion)
        implements ObjectCommand {

    public ReplaceAlphaNetworkPolicy {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
        AlphaNetworkPolicyValidation.validate(
                AlphaNetworkPolicyValidation.keyOf(namespace, name), labels, annotations, spec);
        spec = AlphaNetworkPolicyValidation.withDefaults(spec);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.alphaNetworkPolicy(namespace, name);
    }
}
