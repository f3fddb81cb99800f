package io.policyledger.core.tenant;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

/** Replaces the labels and annotations of a tenant with the given ones. */
public record ChangeTenantMetadata(
        String name,
        Map<String, String> labels,
        Map<String, String> annotations,
        String expectedUid,
        Long expectedVersion)
        implements ObjectCommand {

    public ChangeTenantMetadata {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
        TenantValidation.validate(name, labels, annotations);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.tenant(name);
    }
}
