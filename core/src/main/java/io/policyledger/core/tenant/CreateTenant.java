package io.policyledger.core.tenant;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaRules;
import java.util.Map;

public record CreateTenant(String name, String uid, Map<String, String> labels, Map<String, String> annotations)
        implements ObjectCommand {

    public CreateTenant {
        labels = ObjectMetaRules.sortedCopy(labels);
        annotations = ObjectMetaRules.sortedCopy(annotations);
        TenantRules.validate(name, labels, annotations);
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
