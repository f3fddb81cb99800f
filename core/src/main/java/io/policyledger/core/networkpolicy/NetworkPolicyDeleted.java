package io.policyledger.core.networkpolicy;

public record NetworkPolicyDeleted(String namespace, String name, String uid) {}
