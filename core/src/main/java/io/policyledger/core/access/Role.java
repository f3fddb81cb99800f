package io.policyledger.core.access;

import java.util.Arrays;
import java.util.Optional;

/** What a credential may do, as written in tokens ({@link #wireName()}). */
public enum Role {
    /** Everything, everywhere; the only role for cluster-scoped resources. */
    PLATFORM_ADMIN("platform-admin"),
    /** Reads and writes the namespaces of one tenant and the objects in them. */
    TENANT_ADMIN("tenant-admin"),
    /** Reads what a tenant admin of the same tenant reads; changes nothing. */
    TENANT_VIEWER("tenant-viewer"),
    /** The enforcement agent of one node: registers the pods on its node. */
    AGENT("agent"),
    /** A metrics scraper: reads the service's metrics ({@code /actuator/prometheus}) and nothing else. */
    METRICS("metrics"),
    /** The server itself (bootstrap); never carried by a token. */
    SYSTEM("system");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Role> fromWire(String wire) {
        return Arrays.stream(values())
                .filter(r -> r.wireName.equals(wire) && r != SYSTEM)
                .findFirst();
    }

    public boolean tenantScoped() {
        return this == TENANT_ADMIN || this == TENANT_VIEWER;
    }
}
