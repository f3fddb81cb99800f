package io.policyledger.core.networkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Traffic admitted to the selected pods: from any of {@code from} (all, if empty) to any of {@code ports}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkPolicyIngressRule(List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> from) {

    public NetworkPolicyIngressRule {
        ports = ports == null ? null : List.copyOf(ports);
        from = from == null ? null : List.copyOf(from);
    }
}
