package io.policyledger.core.engine;

import java.util.List;

/**
 * Whether a pod is isolated in one direction, and why: by policies that select it with that direction
 * in their policyTypes, and (ingress only) by its namespace's 2016 isolation annotation.
 */
public record Isolation(boolean byNamespace, List<PolicyRef> byPolicies) {

    public static final Isolation NONE = new Isolation(false, List.of());

    public Isolation {
        byPolicies = List.copyOf(byPolicies);
    }

    public boolean isolated() {
        return byNamespace || !byPolicies.isEmpty();
    }
}
