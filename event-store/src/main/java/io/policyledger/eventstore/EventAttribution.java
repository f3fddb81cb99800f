package io.policyledger.eventstore;

import java.util.List;

/**
 * The metadata keys that say who caused an event. They are put on each command and copied by Axon onto
 * every event the command produces, so the log itself answers "who changed what, when, from where".
 */
public final class EventAttribution {

    /** The authenticated subject that sent the request. */
    public static final String ACTOR = "actor";
    /** Its role (platform-admin, tenant-admin, tenant-viewer, agent, system). */
    public static final String ROLE = "role";
    /** The tenant its credential is bound to, if any. */
    public static final String TENANT = "tenant";
    /** The node an agent's credential is bound to, if any. */
    public static final String NODE = "node";
    /** The request id, as given by the client in X-Request-Id or minted by the server. */
    public static final String REQUEST_ID = "requestId";
    /** The network address the request came from. */
    public static final String SOURCE = "source";
    /** When the server accepted the request (RFC 3339, from the injected clock). */
    public static final String TIME = "time";

    public static final List<String> KEYS = List.of(ACTOR, ROLE, TENANT, NODE, REQUEST_ID, SOURCE, TIME);

    private EventAttribution() {}
}
