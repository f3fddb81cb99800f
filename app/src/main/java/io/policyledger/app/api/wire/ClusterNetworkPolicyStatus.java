package io.policyledger.app.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What the server says about a ClusterNetworkPolicy; clients do not write it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterNetworkPolicyStatus(List<Condition> conditions) {

    public ClusterNetworkPolicyStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
