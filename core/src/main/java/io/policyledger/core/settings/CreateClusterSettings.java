package io.policyledger.core.settings;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

public record CreateClusterSettings(
        String name, String uid, Map<String, String> labels, Map<String, String> annotations, ClusterSettingsSpec spec)
        implements ObjectCommand {

    public CreateClusterSettings {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
        ClusterSettingsValidation.validate(name, labels, annotations, spec);
        spec = ClusterSettingsValidation.normalized(spec);
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
