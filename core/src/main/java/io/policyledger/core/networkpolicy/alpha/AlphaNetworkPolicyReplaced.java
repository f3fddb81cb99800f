package io.policyledger.core.networkpolicy.alpha;

import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

public record AlphaNetworkPolicyReplaced(
        String namespace,
        String name,
        String uid,
        Map<String, String> labels,
        Map<String, String> annotations,
        AlphaNetworkPolicySpec spec,
        long generation) {

    public AlphaNetworkPolicyReplaced {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
    }
}
