package io.policyledger.core.networkpolicy.alpha;

import io.policyledger.core.object.ObjectMetaRules;
import java.util.Map;

public record AlphaNetworkPolicyReplaced(String namespace, String name, String uid, Map<String, String> labels,
                                         Map<String, String> annotations, AlphaNetworkPolicySpec spec,
                                         long generation) {

    public AlphaNetworkPolicyReplaced {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
    }
}
