package io.policyledger.core.pod;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The subset of a Kubernetes PodSpec the ledger keeps: placement and container ports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodSpec(String nodeName, List<Container> containers) {

    public PodSpec {
        containers = containers == null ? null : List.copyOf(containers);
    }
}
