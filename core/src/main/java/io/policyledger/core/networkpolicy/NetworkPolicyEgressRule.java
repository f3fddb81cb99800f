package io.policyledger.core.networkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Traffic the selected pods may send: to any of {@code to} (all, if empty) on any of {@code ports}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkPolicyEgressRule(List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> to) {

    public NetworkPolicyEgressRule {
        ports = ports == null ? null : List.copyOf(ports);
        to = to == null ? null : List.copyOf(to);
    }
}
