package io.policyledger.core.networkpolicy;

import io.policyledger.core.object.ObjectMetaValidation;
import java.time.Instant;
import java.util.Map;

public record NetworkPolicyCreated(
        String namespace,
        String name,
        String uid,
        Map<String, String> labels,
        Map<String, String> annotations,
        NetworkPolicySpec spec,
        Instant creationTimestamp) {

    public NetworkPolicyCreated {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
    }
}
