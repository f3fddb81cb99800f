package io.policyledger.app.restore;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.command.lookup.CommandLookups;
import io.policyledger.core.namespace.NamespaceLabels;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.tenant.TenantDeleted;
import io.policyledger.core.token.TokenIssued;
import io.policyledger.core.token.TokenRevoked;
import io.policyledger.eventstore.EventsInOrder;
import io.policyledger.query.objects.ObjectChanges;
import io.policyledger.query.objects.ObjectsAt;
import io.policyledger.query.objects.StoredObject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

/**
 * The command side's lookup tables as the event log implies them. The objects come from the one
 * definition of what an event means to them ({@link ObjectChanges}), and the lookups follow from the
 * objects that exist at the end: a namespace's tenant is its tenant label, it holds its pods and
 * network policies, a tenant owns its namespaces, the cluster settings name the platform's keys and
 * names, a pod holds its status addresses. Credentials are not objects: they follow their own events,
 * and a tenant's deletion revokes every credential of the tenant then.
 */
@Component
public class LookupsFromLog {

    private final EventStorageEngine events;

    LookupsFromLog(EventStorageEngine events) {
        this.events = events;
    }

    /** The lookups implied by every event stored. */
    public CommandLookups derive() {
        ObjectsAt objects = new ObjectsAt();
        Map<String, CommandLookups.Token> tokens = new TreeMap<>();
        EventsInOrder.forEach(events, null, Long.MAX_VALUE, message -> {
            Object event = message.getPayload();
            long revision = message.trackingToken().position().orElseThrow();
            if (!ObjectChanges.apply(event, revision, objects)) {
                credentialChange(event, message.getTimestamp(), tokens);
            } else if (event instanceof TenantDeleted deleted) {
                tokens.replaceAll((id, t) -> deleted.name().equals(t.tenant()) && t.revokedAt() == null
                        ? revoked(t, message.getTimestamp())
                        : t);
            }
        });
        return fromObjects(objects, tokens);
    }

    private static void credentialChange(Object event, Instant at, Map<String, CommandLookups.Token> tokens) {
        if (event instanceof TokenIssued t) {
            tokens.put(
                    t.id(),
                    new CommandLookups.Token(
                            t.role(), t.tenant(), t.subject(), t.node(), t.issuedAt(), t.expiresAt(), null));
        } else if (event instanceof TokenRevoked r) {
            tokens.computeIfPresent(r.id(), (id, t) -> t.revokedAt() == null ? revoked(t, at) : t);
        }
    }

    private static CommandLookups.Token revoked(CommandLookups.Token t, Instant at) {
        return new CommandLookups.Token(t.role(), t.tenant(), t.subject(), t.node(), t.issuedAt(), t.expiresAt(), at);
    }

    static CommandLookups fromObjects(ObjectsAt objects, Map<String, CommandLookups.Token> tokens) {
        Map<String, String> tenantOf = new TreeMap<>();
        Map<String, Long> held = new TreeMap<>();
        Map<String, Long> tenants = new TreeMap<>();
        Set<String> protectedKeys = new TreeSet<>();
        Set<String> reservedNames = new TreeSet<>();
        Map<String, String> addresses = new TreeMap<>();
        for (StoredObject o : objects.all()) {
            ObjectKey key = o.key();
            switch (key.kind()) {
                case NAMESPACE -> tenantOf.put(key.name(), o.labels().get(NamespaceLabels.TENANT));
                case TENANT -> tenants.putIfAbsent(key.name(), 0L);
                case POD -> {
                    held.merge(key.namespace(), 1L, Long::sum);
                    for (JsonNode ip :
                            o.status() == null ? NO_ITEMS : o.status().path("podIPs")) {
                        String pod = key.namespace() + "/" + key.name();
                        String holder = addresses.putIfAbsent(ip.path("ip").asText(), pod);
                        if (holder != null && !holder.equals(pod)) {
                            // Pods from before addresses were registered (V5) may share one; the table cannot.
                            throw new IllegalStateException("pods " + holder + " and " + pod + " both hold address "
                                    + ip.path("ip").asText() + "; change one in the source and back up again");
                        }
                    }
                }
                case NETWORK_POLICY, ALPHA_NETWORK_POLICY -> held.merge(key.namespace(), 1L, Long::sum);
                case CLUSTER_SETTINGS -> {
                    o.spec().path("protectedLabelKeys").forEach(k -> protectedKeys.add(k.asText()));
                    o.spec().path("reservedNamespaceNames").forEach(n -> reservedNames.add(n.asText()));
                }
                case CLUSTER_NETWORK_POLICY, TOKEN -> {
                    // cluster-wide, in no namespace's count; credentials are not objects
                }
            }
        }
        Map<String, CommandLookups.Namespace> namespaces = new TreeMap<>();
        tenantOf.forEach((namespace, tenant) -> {
            namespaces.put(namespace, new CommandLookups.Namespace(tenant, held.getOrDefault(namespace, 0L)));
            if (tenant != null) { // a namespace from before tenancy (V4) belongs to none
                tenants.merge(tenant, 1L, Long::sum);
            }
        });
        return new CommandLookups(namespaces, tenants, protectedKeys, reservedNames, addresses, tokens);
    }

    private static final JsonNode NO_ITEMS = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
}
