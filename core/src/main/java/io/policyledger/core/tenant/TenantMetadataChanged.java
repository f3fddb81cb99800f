package io.policyledger.core.tenant;

import io.policyledger.core.object.ObjectMetaRules;
import java.util.Map;

/** The labels and annotations of the tenant are now exactly these. */
public record TenantMetadataChanged(String name, String uid, Map<String, String> labels,
                                    Map<String, String> annotations) {

    public TenantMetadataChanged {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
    }
}
