package io.policyledger.core.settings;

import io.policyledger.core.object.ObjectMetaRules;
import java.util.Map;

/** The cluster settings are now exactly these. */
public record ClusterSettingsReplaced(String name, String uid, Map<String, String> labels,
                                      Map<String, String> annotations, ClusterSettingsSpec spec, long generation) {

    public ClusterSettingsReplaced {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
    }
}
