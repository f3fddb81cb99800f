package io.policyledger.core.clusternetworkpolicy;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

public record ReplaceClusterNetworkPolicy(
        String name,
        Map<String, String> labels,
        Map<String, String> annotations,
        ClusterNetworkPolicySpec spec,
        String expectedUid,
        Long expectedVersion)
        implements ObjectCommand {

    public ReplaceClusterNetworkPolicy {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
        ClusterNetworkPolicyValidation.validate(name, labels, annotations, spec);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.clusterNetworkPolicy(name);
    }
}
