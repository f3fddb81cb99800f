package io.policyledger.core.clusternetworkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.policyledger.core.selector.LabelSelector;
import java.util.List;

/**
 * A destination: exactly one of all pods of some namespaces, some pods, nodes (by label), networks
 * (CIDRs) or domain names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterNetworkPolicyEgressPeer(
        LabelSelector namespaces,
        NamespacedPod pods,
        LabelSelector nodes,
        List<String> networks,
        List<String> domainNames) {

    public ClusterNetworkPolicyEgressPeer {
        networks = networks == null ? null : List.copyOf(networks);
        domainNames = domainNames == null ? null : List.copyOf(domainNames);
    }
}
