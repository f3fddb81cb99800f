package io.policyledger.app.api.registry;

/**
 * Which rule of the access policy decides requests to a resource's routes, which the policy derives
 * from the registry for all but {@link #OWN_RULES}.
 */
public enum ApiAccess {
    /** Namespaces: a tenant's roles see and (admins) change their tenant's own; agents none. */
    NAMESPACES,
    /** Objects in a namespace, for the namespace's tenant (admins write, viewers read); not for agents. */
    NAMESPACED,
    /** As {@link #NAMESPACED}, and agents read and register them (pods); the status is the agent's to write. */
    NAMESPACED_WITH_AGENTS,
    /** Platform admins only. */
    PLATFORM,
    /**
     * Platform admins write; a tenant's roles get and list those that concern their tenant, as the
     * resource's definition decides ({@code TenantView}), and do not watch them.
     */
    PLATFORM_TENANTS_READ,
    /** Routes of their own, each with a rule written out in the access policy. */
    OWN_RULES
}
