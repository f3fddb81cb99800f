package io.policyledger.core.settings;

import io.policyledger.core.object.ObjectMetaValidation;
import java.time.Instant;
import java.util.Map;

public record ClusterSettingsCreated(
        String name,
        String uid,
        Map<String, String> labels,
        Map<String, String> annotations,
        ClusterSettingsSpec spec,
        Instant creationTimestamp) {

    public ClusterSettingsCreated {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
    }
}
