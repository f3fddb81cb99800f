package io.policyledger.eventstore;

import io.policyledger.core.access.Caller;
import io.policyledger.core.access.Role;
import java.util.HashMap;
import java.util.Map;

/** A {@link Caller} as message metadata ({@link EventAttribution} keys), and back. */
public final class CallerMetadata {

    private CallerMetadata() {}

    public static Map<String, String> of(Caller caller) {
        Map<String, String> out = new HashMap<>();
        out.put(EventAttribution.ACTOR, caller.subject());
        out.put(EventAttribution.ROLE, caller.role().wireName());
        if (caller.tenant() != null) {
            out.put(EventAttribution.TENANT, caller.tenant());
        }
        if (caller.node() != null) {
            out.put(EventAttribution.NODE, caller.node());
        }
        return out;
    }

    /**
     * The caller a message was sent by. Commands are only sent in-process, and every API path attributes
     * them; one without attribution was sent by the server itself.
     */
    public static Caller from(Map<String, ?> metadata) {
        Object role = metadata.get(EventAttribution.ROLE);
        if (role == null || Role.SYSTEM.wireName().equals(role)) {
            return Caller.SYSTEM;
        }
        Role parsed = Role.fromWire(role.toString())
                .orElseThrow(() -> new IllegalArgumentException("unknown role in metadata: " + role));
        return new Caller(
                String.valueOf(metadata.get(EventAttribution.ACTOR)),
                parsed,
                stringOrNull(metadata.get(EventAttribution.TENANT)),
                stringOrNull(metadata.get(EventAttribution.NODE)));
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : value.toString();
    }
}
