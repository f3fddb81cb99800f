package io.policyledger.query.objects;

import io.policyledger.core.namespace.NamespaceLabels;
import io.policyledger.core.object.Kind;
import java.util.Optional;
import java.util.function.Function;

/**
 * The part of the read model a caller may see: everything, the namespaces of one tenant (and the
 * objects in them), or the pods on one node.
 */
public record Scope(String tenant, String node) {

    public static final Scope ALL = new Scope(null, null);

    public static Scope tenant(String tenant) {
        return new Scope(tenant, null);
    }

    public static Scope node(String node) {
        return new Scope(null, node);
    }

    /**
     * Whether {@code object} is within this scope, the owner of a namespace told by {@code tenantOf} (the
     * present's owners or a past revision's).
     */
    public boolean admits(StoredObject object, Function<String, Optional<String>> tenantOf) {
        if (tenant != null) {
            String owner = object.key().kind() == Kind.NAMESPACE
                    ? object.labels().get(NamespaceLabels.TENANT)
                    : tenantOf.apply(object.key().namespace()).orElse(null);
            if (!tenant.equals(owner)) {
                return false;
            }
        }
        if (node != null) {
            return object.key().kind() == Kind.POD
                    && object.spec() != null
                    && node.equals(object.spec().path("nodeName").asText(null));
        }
        return true;
    }

    public boolean isAll() {
        return tenant == null && node == null;
    }
}
