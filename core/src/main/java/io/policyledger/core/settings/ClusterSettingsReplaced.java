package io.policyledger.core.settings;

import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

/** The cluster settings are now exactly these. */
public record ClusterSettingsReplaced(
        String name,
        String uid,
        Map<String, String> labels,
        Map<String, String> annotations,
        ClusterSettingsSpec spec,
        long generation) {

    public ClusterSettingsReplaced {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
    }
}
