package io.policyledger.core.networkpolicy.alpha;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** From whom ({@code from}; everyone if omitted) and to which ports ({@code toPorts}; all if omitted). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AllowIncoming(List<AlphaPeer> from, List<AlphaPort> toPorts) {

    public AllowIncoming {
        from = from == null ? null : List.copyOf(from);
        toPorts = toPorts == null ? null : List.copyOf(toPorts);
    }
}
