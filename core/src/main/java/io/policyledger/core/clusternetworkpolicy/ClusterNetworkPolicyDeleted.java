package io.policyledger.core.clusternetworkpolicy;

public record ClusterNetworkPolicyDeleted(String name, String uid) {}
