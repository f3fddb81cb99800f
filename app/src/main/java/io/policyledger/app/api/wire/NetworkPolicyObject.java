package io.policyledger.app.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;

/** A networking.k8s.io/v1 NetworkPolicy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkPolicyObject(String apiVersion, String kind, ObjectMeta metadata, NetworkPolicySpec spec) {}
