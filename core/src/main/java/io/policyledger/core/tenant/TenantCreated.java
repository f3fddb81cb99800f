package io.policyledger.core.tenant;

import io.policyledger.core.object.ObjectMetaRules;
import java.time.Instant;
import java.util.Map;

public record TenantCreated(String name, String uid, Map<String, String> labels, Map<String, String> annotations,
                            Instant creationTimestamp) {

    public TenantCreated {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
    }
}
