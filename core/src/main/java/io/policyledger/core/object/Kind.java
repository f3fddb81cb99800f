package io.policyledger.core.object;

/** The kinds of object the ledger stores, each with the plural resource name used in paths and ids. */
public enum Kind {
    NAMESPACE("", "Namespace", "namespaces", false),
    POD("", "Pod", "pods", true),
    NETWORK_POLICY("networking.k8s.io", "NetworkPolicy", "networkpolicies", true),
    /** The 2016 format, whose resource name really is "networkpolicys". */
    ALPHA_NETWORK_POLICY("net.alpha.kubernetes.io", "NetworkPolicy", "networkpolicys", true),
    TENANT("policyledger.io", "Tenant", "tenants", false),
    CLUSTER_SETTINGS("policyledger.io", "ClusterSettings", "clustersettings", false),
    /** The platform's tiers of rules above and below tenants' NetworkPolicies (network-policy-api v0.2.0). */
    CLUSTER_NETWORK_POLICY("policy.networking.k8s.io", "ClusterNetworkPolicy", "clusternetworkpolicies", false),
    TOKEN("policyledger.io", "Token", "tokens", false);

    private final String group;
    private final String kindName;
    private final String resource;
    private final boolean namespaced;

    Kind(String group, String kindName, String resource, boolean namespaced) {
        this.group = group;
        this.kindName = kindName;
        this.resource = resource;
        this.namespaced = namespaced;
    }

    /** The API group, empty for the core group. */
    public String group() {
        return group;
    }

    /** As Kubernetes names a resource in messages: {@code pods}, {@code networkpolicies.networking.k8s.io}. */
    public String qualifiedResource() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    /** As Kubernetes names a kind in messages: {@code Pod}, {@code NetworkPolicy.networking.k8s.io}. */
    public String qualifiedKind() {
        return group.isEmpty() ? kindName : kindName + "." + group;
    }

    /** As in an object's {@code kind} field. */
    public String kindName() {
        return kindName;
    }

    /** The plural lower-case resource name, as in URL paths. */
    public String resource() {
        return resource;
    }

    public boolean namespaced() {
        return namespaced;
    }
}
