package io.policyledger.core.networkpolicy.alpha;

import io.policyledger.core.object.ObjectMetaValidation;
import java.time.Instant;
import java.util.Map;

public record AlphaNetworkPolicyCreated(
        String namespace,
        String name,
        String uid,
        Map<String, String> labels,
        Map<String, String> annotations,
        AlphaNetworkPolicySpec spec,
        Instant creationTimestamp) {

    public AlphaNetworkPolicyCreated {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
    }
}
