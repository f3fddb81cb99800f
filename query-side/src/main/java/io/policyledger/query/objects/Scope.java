package io.policyledger.query.objects;

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

    public boolean isAll() {
        return tenant == null && node == null;
    }
}
