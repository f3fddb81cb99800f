package io.policyledger.core.tenant;

import io.policyledger.core.object.ObjectMetaValidation;
import java.time.Instant;
import java.util.Map;

public record TenantCreated(
        String name,
        String uid,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant creationTimestamp) {

    public TenantCreated {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
    }
}
