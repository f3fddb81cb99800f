package io.policyledger.core.networkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A port or port range ({@code port}..{@code endPort}) and protocol; an absent port means every port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkPolicyPort(String protocol, IntOrString port, Integer endPort) {}
