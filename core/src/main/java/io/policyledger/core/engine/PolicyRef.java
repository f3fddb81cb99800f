package io.policyledger.core.engine;

import java.util.Objects;

/**
 * A policy, by API flavour, namespace and name: the thing an allow-list entry or an isolation is
 * attributed to.
 */
public record PolicyRef(Api api, String namespace, String name) implements Comparable<PolicyRef>, RuleOrigin {

    /** networking.k8s.io/v1 NetworkPolicy, or the 2016 net.alpha.kubernetes.io/v1alpha1 format. */
    public enum Api {
        V1,
        V1ALPHA1
    }

    public PolicyRef {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    public static PolicyRef v1(String namespace, String name) {
        return new PolicyRef(Api.V1, namespace, name);
    }

    public static PolicyRef v1alpha1(String namespace, String name) {
        return new PolicyRef(Api.V1ALPHA1, namespace, name);
    }

    @Override
    public Tier tier() {
        return Tier.NETWORK_POLICY;
    }

    @Override
    public int compareTo(PolicyRef o) {
        int c = namespace.compareTo(o.namespace);
        if (c != 0) {
            return c;
        }
        c = name.compareTo(o.name);
        return c != 0 ? c : api.compareTo(o.api);
    }

    @Override
    public String toString() {
        return (api == Api.V1 ? "" : "v1alpha1:") + namespace + "/" + name;
    }
}
