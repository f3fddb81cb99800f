package io.policyledger.core.pod;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The addresses of a pod, as registered by the agent of its node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodStatus(String podIP, List<PodIP> podIPs) {

    public static final PodStatus NONE = new PodStatus(null, null);

    public PodStatus {
        podIPs = podIPs == null ? null : List.copyOf(podIPs);
    }
}
