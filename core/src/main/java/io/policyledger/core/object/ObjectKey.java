package io.policyledger.core.object;

import java.util.Objects;

/**
 * Identity of a stored object: kind, namespace (empty for cluster-scoped kinds) and name. Its
 * {@link #aggregateId()} names the event stream of the object. The kind is part of it because a Pod
 * and a NetworkPolicy may share a namespace and name, and their streams must not collide.
 */
public record ObjectKey(Kind kind, String namespace, String name) {

    public ObjectKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        namespace = kind.namespaced() ? Objects.requireNonNull(namespace, "namespace") : "";
    }

    public static ObjectKey namespace(String name) {
        return new ObjectKey(Kind.NAMESPACE, "", name);
    }

    public static ObjectKey pod(String namespace, String name) {
        return new ObjectKey(Kind.POD, namespace, name);
    }

    public static ObjectKey tenant(String name) {
        return new ObjectKey(Kind.TENANT, "", name);
    }

    public static ObjectKey clusterSettings(String name) {
        return new ObjectKey(Kind.CLUSTER_SETTINGS, "", name);
    }

    /** Tokens are named by their id (the JWT's {@code jti}). */
    public static ObjectKey clusterNetworkPolicy(String name) {
        return new ObjectKey(Kind.CLUSTER_NETWORK_POLICY, "", name);
    }

    public static ObjectKey token(String id) {
        return new ObjectKey(Kind.TOKEN, "", id);
    }

    public static ObjectKey networkPolicy(String namespace, String name) {
        return new ObjectKey(Kind.NETWORK_POLICY, namespace, name);
    }

    public static ObjectKey alphaNetworkPolicy(String namespace, String name) {
        return new ObjectKey(Kind.ALPHA_NETWORK_POLICY, namespace, name);
    }

    /** e.g. {@code namespaces/x}, {@code pods/x/a}, {@code networkpolicies/x/deny-all} */
    public String aggregateId() {
        return kind.namespaced() ? kind.resource() + "/" + namespace + "/" + name : kind.resource() + "/" + name;
    }

    /** The key an event stream's name stands for; empty if it names no object. */
    public static java.util.Optional<ObjectKey> ofAggregateId(String aggregateId) {
        String[] parts = aggregateId == null ? new String[0] : aggregateId.split("/", 3);
        for (Kind kind : Kind.values()) {
            if (parts.length > 1 && kind.resource().equals(parts[0])) {
                if (kind.namespaced() && parts.length == 3) {
                    return java.util.Optional.of(new ObjectKey(kind, parts[1], parts[2]));
                }
                if (!kind.namespaced() && parts.length == 2) {
                    return java.util.Optional.of(new ObjectKey(kind, "", parts[1]));
                }
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return aggregateId();
    }
}
