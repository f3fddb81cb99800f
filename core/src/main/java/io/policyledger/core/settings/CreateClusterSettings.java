package io.policyledger.core.settings;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaRules;
import java.util.Map;

public record CreateClusterSettings(String name, String uid, Map<String, String> labels,
                                    Map<String, String> annotations, ClusterSettingsSpec spec) implements ObjectCommand {

    public CreateClusterSettings {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
        ClusterSettingsRules.validate(name, labels, annotations, spec);
        spec = ClusterSettingsRules.normalized(spec);
    }

    @Override
    public boolean isCreation() {
        return true;
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.clusterSettings(name);
    }
}
