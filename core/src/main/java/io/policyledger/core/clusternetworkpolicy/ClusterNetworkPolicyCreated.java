package io.policyledger.core.clusternetworkpolicy;

import io.policyledger.core.object.ObjectMetaValidation;
import java.time.Instant;
import java.util.Map;

/** A platform rule tier entry now exists, as given. */
public record ClusterNetworkPolicyCreated(
        String name,
        String uid,
        Map<String, String> labels,
        Map<String, String> annotations,
        ClusterNetworkPolicySpec spec,
        Instant creationTimestamp) {

    public ClusterNetworkPolicyCreated {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
    }
}
