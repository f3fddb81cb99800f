package io.policyledger.core.clusternetworkpolicy;

import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

/** The ClusterNetworkPolicy is now exactly this ({@code generation} grows with each change of its spec). */
public record ClusterNetworkPolicyReplaced(
        String name,
        String uid,
        Map<String, String> labels,
        Map<String, String> annotations,
        ClusterNetworkPolicySpec spec,
        long generation) {

    public ClusterNetworkPolicyReplaced {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
    }
}
