package io.policyledger.core.settings;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaRules;
import java.util.Map;

public record ReplaceClusterSettings(String name, Map<String, String> labels, Map<String, String> annotations,
                                     ClusterSettingsSpec spec, String expectedUid, Long expectedVersion)
        implements ObjectCommand {

    public ReplaceClusterSettings {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
        ClusterSettingsRules.validate(name, labels, annotations, spec);
        spec = ClusterSettingsRules.normalized(spec);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.clusterSettings(name);
    }
}
