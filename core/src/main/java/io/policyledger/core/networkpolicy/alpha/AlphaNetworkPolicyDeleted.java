package io.policyledger.core.networkpolicy.alpha;

public record AlphaNetworkPolicyDeleted(String namespace, String name, String uid) {}
