package io.policyledger.core.clusternetworkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What to do ({@code Accept}, {@code Deny}, {@code Pass}) with traffic to any of the peers on any of the protocols. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterNetworkPolicyEgressRule(
        String name,
        String action,
        List<ClusterNetworkPolicyEgressPeer> to,
        List<ClusterNetworkPolicyProtocol> protocols) {

    public ClusterNetworkPolicyEgressRule {
        to = to == null ? null : List.copyOf(to);
        protocols = protocols == null ? null : List.copyOf(protocols);
    }
}
