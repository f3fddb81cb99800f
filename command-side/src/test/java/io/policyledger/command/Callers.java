package io.policyledger.command;

import io.policyledger.core.access.Caller;
import io.policyledger.core.access.Role;
import io.policyledger.eventstore.CallerMetadata;
import java.util.Map;

/** The callers aggregate tests send commands as, and the metadata that carries them. */
public final class Callers {

    public static final Caller PLATFORM = new Caller("root", Role.PLATFORM_ADMIN, null, null);
    public static final Caller ADMIN_A = new Caller("alice", Role.TENANT_ADMIN, "a", null);
    public static final Caller VIEWER_A = new Caller("val", Role.TENANT_VIEWER, "a", null);
    public static final Caller ADMIN_B = new Caller("bob", Role.TENANT_ADMIN, "b", null);
    public static final Caller AGENT_N1 = new Caller("agent-n1", Role.AGENT, null, "n1");

    private Callers() {}

    public static Map<String, ?> as(Caller caller) {
        return CallerMetadata.of(caller);
    }
}
