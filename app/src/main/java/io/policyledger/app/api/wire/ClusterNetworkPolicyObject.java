package io.policyledger.app.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySpec;

/** A policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy (network-policy-api v0.2.0). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterNetworkPolicyObject(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        ClusterNetworkPolicySpec spec,
        ClusterNetworkPolicyStatus status) {

    public ClusterNetworkPolicyObject withStatus(ClusterNetworkPolicyStatus status) {
        return new ClusterNetworkPolicyObject(apiVersion, kind, metadata, spec, status);
    }
}
