package io.policyledger.core.engine;

/**
 * The tiers a pod's traffic is judged by, in the order they are asked (network-policy-api v0.2.0): the
 * platform's Admin ClusterNetworkPolicies, then the tenants' NetworkPolicies and the 2016 isolation model,
 * then the platform's Baseline ClusterNetworkPolicies; what none decides is allowed.
 */
public enum Tier {
    ADMIN("Admin"),
    NETWORK_POLICY("NetworkPolicy"),
    BASELINE("Baseline");

    private final String apiName;

    Tier(String apiName) {
        this.apiName = apiName;
    }

    /** As in a ClusterNetworkPolicy's {@code spec.tier}, and in explanations. */
    public String apiName() {
        return apiName;
    }

    public static Tier ofApiName(String name) {
        for (Tier t : values()) {
            if (t.apiName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tier " + name);
    }
}
