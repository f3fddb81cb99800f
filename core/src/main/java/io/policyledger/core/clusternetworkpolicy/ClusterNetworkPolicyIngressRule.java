package io.policyledger.core.clusternetworkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What to do ({@code Accept}, {@code Deny}, {@code Pass}) with traffic from any of the peers on any of the protocols. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterNetworkPolicyIngressRule(
        String name,
        String action,
        List<ClusterNetworkPolicyIngressPeer> from,
        List<ClusterNetworkPolicyProtocol> protocols) {

    public ClusterNetworkPolicyIngressRule {
        from = from == null ? null : List.copyOf(from);
        protocols = protocols == null ? null : List.copyOf(protocols);
    }
}
