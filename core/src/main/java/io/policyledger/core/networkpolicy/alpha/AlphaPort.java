package io.policyledger.core.networkpolicy.alpha;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.policyledger.core.networkpolicy.IntOrString;

/** A port (number or name) and protocol (TCP when omitted). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlphaPort(IntOrString port, String protocol) {}
