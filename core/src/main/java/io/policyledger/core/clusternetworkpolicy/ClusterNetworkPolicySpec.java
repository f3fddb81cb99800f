package io.policyledger.core.clusternetworkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The spec of a {@code policy.networking.k8s.io/v1alpha2} ClusterNetworkPolicy (network-policy-api
 * v0.2.0), field for field: a platform's rules above ({@code Admin}) or below ({@code Baseline}) what
 * tenants write, ordered by {@code priority} (lower first).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterNetworkPolicySpec(
        String tier,
        Integer priority,
        ClusterNetworkPolicySubject subject,
        List<ClusterNetworkPolicyIngressRule> ingress,
        List<ClusterNetworkPolicyEgressRule> egress) {

    public ClusterNetworkPolicySpec {
        ingress = ingress == null ? null : List.copyOf(ingress);
        egress = egress == null ? null : List.copyOf(egress);
    }
}
