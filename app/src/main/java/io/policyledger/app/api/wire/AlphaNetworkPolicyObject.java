package io.policyledger.app.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicySpec;

/** A net.alpha.kubernetes.io/v1alpha1 NetworkPolicy, the 2016 format. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlphaNetworkPolicyObject(
        String apiVersion, String kind, ObjectMeta metadata, AlphaNetworkPolicySpec spec) {}
