package io.policyledger.core.networkpolicy;

import io.policyledger.core.object.ObjectMetaValidation;
import java.util.Map;

/** The policy is now exactly this; {@code generation} counts changes of its spec. */
public record NetworkPolicyReplaced(
        String namespace,
        String name,
        String uid,
        Map<String, String> labels,
        Map<String, String> annotations,
        NetworkPolicySpec spec,
        long generation) {

    public NetworkPolicyReplaced {
        labels = ObjectMetaValidation.sortedCopy(labels);
        annotations = ObjectMetaValidation.sortedCopy(annotations);
    }
}
