package io.policyledger.core.clusternetworkpolicy;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

public record CreateClusterNetworkPolicy(
        String name,
        String uid,
        Map<String, String> labels,
        Map<String, String> annotations,
        ClusterNetworkPolicySpec spec)
        implements ObjectCommand {

    public CreateClusterNetworkPolicy {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
        ClusterNetworkPolicyValidation.validate(name, labels, annotations, spec);
    }

    @Override
    public boolean isCreation() {
        return true;
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.clusterNetworkPolicy(name);
    }
}
