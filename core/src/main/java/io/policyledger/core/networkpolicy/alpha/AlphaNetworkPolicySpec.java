package io.policyledger.core.networkpolicy.alpha;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The spec of a {@code net.alpha.kubernetes.io/v1alpha1} NetworkPolicy, the 2016 format: the pods it
 * applies to (a label map, in its namespace) and the traffic it lets in. It only allows; it isolates
 * nothing by itself (the namespace's isolation annotation does).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlphaNetworkPolicySpec(Map<String, String> podSelector, AllowIncoming allowIncoming) {

    public AlphaNetworkPolicySpec {
        podSelector = podSelector == null ? null : Map.copyOf(podSelector);
    }
}
