package io.policyledger.core.tenant;

import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

/** The labels and annotations of the tenant are now exactly these. */
public record TenantMetadataChanged(
        String name, String uid, Map<String, String> labels, Map<String, String> annotations) {

    public TenantMetadataChanged {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
    }
}
