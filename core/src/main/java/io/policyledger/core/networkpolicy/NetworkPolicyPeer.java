package io.policyledger.core.networkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.policyledger.core.selector.LabelSelector;

/**
 * Who a rule admits: pods selected in the policy's namespace ({@code podSelector} alone), in
 * selected namespaces ({@code namespaceSelector}, ANDed with {@code podSelector} if both), or an
 * address range ({@code ipBlock}, alone).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkPolicyPeer(LabelSelector podSelector, LabelSelector namespaceSelector, IPBlock ipBlock) {}
