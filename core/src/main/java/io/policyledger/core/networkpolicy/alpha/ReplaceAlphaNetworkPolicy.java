package io.policyledger.core.networkpolicy.alpha;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaRules;
import java.util.Map;

/** The policy becomes exactly this: the new spec replaces the old one, it is never merged with it. */
public record ReplaceAlphaNetworkPolicy(String namespace, String name, Map<String, String> labels,
                                        Map<String, String> annotations, AlphaNetworkPolicySpec spec,
                                        String expectedUid, Long expectedVersion) implements ObjectCommand {

    public ReplaceAlphaNetworkPolicy {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
        AlphaNetworkPolicyRules.validate(AlphaNetworkPolicyRules.keyOf(namespace, name), labels, annotations, spec);
        spec = AlphaNetworkPolicyRules.withDefaults(spec);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.alphaNetworkPolicy(namespace, name);
    }
}
