package io.policyledger.core.engine;

/** Where a verdict rule comes from: a tenant's NetworkPolicy, or one rule of a ClusterNetworkPolicy. */
public sealed interface RuleOrigin permits PolicyRef, ClusterRuleRef {

    Tier tier();
}
