package io.policyledger.core.networkpolicy.alpha;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

public record CreateAlphaNetworkPolicy(
        String namespace,
        String name,
        String uid,
        Map<String, String> labels,
        Map<String, String> annotations,
        AlphaNetworkPolicySpec spec)
        implements ObjectCommand {

    public CreateAlphaNetworkPolicy {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
        AlphaNetworkPolicyValidation.validate(
                AlphaNetworkPolicyValidation.keyOf(namespace, name), labels, annotations, spec);
        spec = AlphaNetworkPolicyValidation.withDefaults(spec);
    }

    @Override
    public boolean isCreation() {
        return true;
    }

    @Override
    public ObjectKey key() {
        return AlphaNetworkPolicyValidation.keyOf(namespace, name);
    }
}
