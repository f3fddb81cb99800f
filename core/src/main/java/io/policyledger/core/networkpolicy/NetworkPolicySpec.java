package io.policyledger.core.networkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.policyledger.core.selector.LabelSelector;
import java.util.List;

/** The spec of a {@code networking.k8s.io/v1} NetworkPolicy, field for field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkPolicySpec(
        LabelSelector podSelector,
        List<NetworkPolicyIngressRule> ingress,
        List<NetworkPolicyEgressRule> egress,
        List<String> policyTypes) {

    public NetworkPolicySpec {
        ingress = ingress == null ? null : List.copyOf(ingress);
        egress = egress == null ? null : List.copyOf(egress);
        policyTypes = policyTypes == null ? null : List.copyOf(policyTypes);
    }
}
