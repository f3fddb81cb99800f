package io.policyledger.core.clusternetworkpolicy;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaRules;
import java.util.Map;

public record ReplaceClusterNetworkPolicy(String name, Map<String, String> labels, Map<String, String> annotations,
                                          ClusterNetworkPolicySpec spec, String expectedUid, Long expectedVersion)
        implements ObjectCommand {

    public ReplaceClusterNetworkPolicy {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
        ClusterNetworkPolicyRules.validate(name, labels, annotations, spec);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.clusterNetworkPolicy(name);
    }
}
