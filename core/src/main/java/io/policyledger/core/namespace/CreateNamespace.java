package io.policyledger.core.namespace;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

/**
 * Creates a namespace owned by {@code tenant}. The server's own labels (name and tenant, see
 * {@link NamespaceLabels}) are added to the requested ones.
 */
public record CreateNamespace(
        String name, String uid, String tenant, Map<String, String> labels, Map<String, String> annotations)
        implements ObjectCommand {

    public CreateNamespace {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
        NamespaceValidation.validate(name, tenant, labels, annotations);
        labels = NamespaceLabels.withServerLabels(name, tenant, labels);
    }

    @Override
    public boolean isCreation() {
        return true;
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.namespace(name);
    }
}
