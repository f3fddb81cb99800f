package io.policyledger.core.clusternetworkpolicy;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaRules;
import java.util.Map;

public record CreateClusterNetworkPolicy(String name, String uid, Map<String, String> labels,
                                         Map<String, String> annotations, ClusterNetworkPolicySpec spec)
        implements ObjectCommand {

    public CreateClusterNetworkPolicy {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
        ClusterNetworkPolicyRules.validate(name, labels, annotations, spec);
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
