package io.policyledger.core.clusternetworkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.policyledger.core.selector.LabelSelector;

/** The pods a ClusterNetworkPolicy applies to: exactly one of all pods of some namespaces, or some pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterNetworkPolicySubject(LabelSelector namespaces, NamespacedPod pods) {}
