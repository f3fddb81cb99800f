package io.policyledger.core.clusternetworkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.policyledger.core.selector.LabelSelector;

/** The pods {@code podSelector} selects in the namespaces {@code namespaceSelector} selects (both required). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NamespacedPod(LabelSelector namespaceSelector, LabelSelector podSelector) {}
