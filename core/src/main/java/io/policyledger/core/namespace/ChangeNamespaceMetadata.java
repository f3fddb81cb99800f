package io.policyledger.core.namespace;

import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

/**
 * Replaces the labels and annotations of a namespace with the given ones (the server's own labels are
 * kept whatever is given; see {@link NamespaceLabels}).
 */
public record ChangeNamespaceMetadata(
        String name,
        Map<String, String> labels,
        Map<String, String> annotations,
        String expectedUid,
        Long expectedVersion)
        implements ObjectCommand {

    public ChangeNamespaceMetadata {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
        NamespaceValidation.validate(name, null, labels, annotations);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.namespace(name);
    }
}
