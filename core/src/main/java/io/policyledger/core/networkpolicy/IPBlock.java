package io.policyledger.core.networkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record IPBlock(String cidr, List<String> except) {

    public IPBlock {
        except = except == null ? null : List.copyOf(except);
    }
}
