package io.policyledger.core.tenant;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

public record CreateTenant(String name, String uid, Map<String, String> labels, Map<String, String> annotations)
        implements ObjectCommand {

    public CreateTenant {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
        TenantValidation.validate(name, labels, annotations);
    }

    @Override
    public boolean isCreation() {
        return true;
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.tenant(name);
    }
}
