package io.policyledger.core.networkpolicy.alpha;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaRules;
import java.util.Map;

public record CreateAlphaNetworkPolicy(String namespace, String name, String uid, Map<String, String> labels,
                                       Map<String, String> annotations, AlphaNetworkPolicySpec spec)
        implements ObjectCommand {

    public CreateAlphaNetworkPolicy {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
        AlphaNetworkPolicyRules.validate(AlphaNetworkPolicyRules.keyOf(namespace, name), labels, annotations, spec);
        spec = AlphaNetworkPolicyRules.withDefaults(spec);
    }

    @Override
    public boolean isCreation() {
        return true;
    }

    @Override
    public ObjectKey key() {
        return AlphaNetworkPolicyRules.keyOf(namespace, name);
    }
}
