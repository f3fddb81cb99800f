package io.policyledger.core.settings;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

public record ReplaceClusterSettings(
        String name,
        Map<String, String> labels,
        Map<String, String> annotations,
        ClusterSettingsSpec spec,
        String expectedUid,
        Long expectedVersion)
        implements ObjectCommand {

    public ReplaceClusterSettings {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
        ClusterSettingsValidation.validate(name, labels, annotations, spec);
        spec = ClusterSettingsValidation.normalized(spec);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.clusterSettings(name);
    }
}
