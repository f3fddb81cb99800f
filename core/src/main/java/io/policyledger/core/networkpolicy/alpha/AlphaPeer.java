package io.policyledger.core.networkpolicy.alpha;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Pods of the policy's namespace with these labels ({@code pods}), or all pods of namespaces with these labels. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlphaPeer(Map<String, String> pods, Map<String, String> namespaces) {

    public AlphaPeer {
        pods = pods == null ? null : Map.copyOf(pods);
        namespaces = namespaces == null ? null : Map.copyOf(namespaces);
    }
}
