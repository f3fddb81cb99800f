package io.policyledger.core.access;

import java.util.Objects;

/**
 * Who is asking, as established from their credential: a subject, its role, and the tenant (tenant
 * roles) or node (agents) it is bound to. Commands carry it in their metadata so that the rules that
 * need the current state of an object can be checked where that state is.
 */
public record Caller(String subject, Role role, String tenant, String node) {

    public static final Caller SYSTEM = new Caller("system:policy-ledger", Role.SYSTEM, null, null);

    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        if (role.tenantScoped() && (tenant == null || tenant.isEmpty())) {
            throw new IllegalArgumentException(role.wireName() + " needs a tenant");
        }
        if (role == Role.AGENT && (node == null || node.isEmpty())) {
            throw new IllegalArgumentException("agent needs a node");
        }
        tenant = role.tenantScoped() ? tenant : null;
        node = role == Role.AGENT ? node : null;
    }

    /** Platform admins and the server itself are not confined to a tenant or node. */
    public boolean unrestricted() {
        return role == Role.PLATFORM_ADMIN || role == Role.SYSTEM;
    }

    /** Whether this caller may see and change what belongs to {@code owner} (a tenant name). */
    public boolean ownsTenant(String owner) {
        return unrestricted() || (role.tenantScoped() && Objects.equals(tenant, owner));
    }
}
