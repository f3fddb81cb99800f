package io.policyledger.core.access;

import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectForbiddenException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The write rules that depend on the state of the object being changed, checked by the aggregates
 * inside the command's transaction (so that no race between a check and a write can get around them).
 * The request-level rules (which role may call which route) sit in the API's access policy; both use
 * the same {@link Caller}.
 */
public final class CommandAuthorization {

    private CommandAuthorization() {}

    /**
     * Viewers change nothing; agents change pods only; tenant admins change what their tenant owns. A
     * switch expression: a role added later does not compile until someone decides what it may write.
     */
    public static void requireMayWrite(Caller caller, ObjectKey key) {
        String refusal = switch (caller.role()) {
            case PLATFORM_ADMIN, SYSTEM -> null;
            case TENANT_VIEWER -> "a tenant viewer may not change anything";
            case METRICS -> "a metrics credential may not change anything";
            case AGENT -> key.kind() == Kind.POD ? null : "an agent may only register pods";
            case TENANT_ADMIN ->
                ownedByTenants(key.kind())
                        ? null
                        : "only a platform admin may change " + key.kind().resource();
        };
        if (refusal != null) {
            throw new ObjectForbiddenException(key, refusal);
        }
    }

    /**
     * What another tenant owns does not exist for a tenant's caller: answering "not found" rather than
     * "forbidden" keeps even its existence private. Agents work for every tenant on their node.
     */
    public static void requireTenant(Caller caller, ObjectKey key, String ownerTenant) {
        if (caller.role() == Role.AGENT || !ownedByTenants(key.kind())) {
            return;
        }
        if (!caller.ownsTenant(ownerTenant)) {
            throw new ObjectNotFoundException(key);
        }
    }

    /** Namespaces, and what lives in them, belong to tenants; everything else to the platform. */
    public static boolean ownedByTenants(Kind kind) {
        return kind == Kind.NAMESPACE
                || kind == Kind.POD
                || kind == Kind.NETWORK_POLICY
                || kind == Kind.ALPHA_NETWORK_POLICY;
    }

    /**
     * An agent registers pods on its own node only: a pod it creates, changes or deletes must be on its
     * node before and after (so it can neither move a pod away nor take one over).
     */
    public static void requireAgentNode(Caller caller, ObjectKey key, String podNode) {
        if (caller.role() == Role.AGENT && !caller.node().equals(podNode)) {
            throw new ObjectForbiddenException(
                    key,
                    "an agent of node \"" + caller.node()
                            + "\" may only register pods on its own node, not on "
                            + (podNode == null ? "no node" : "node \"" + podNode + "\""));
        }
    }

    /**
     * A pod's addresses are what enforcement acts on, so they are attested: only the agent of the pod's
     * node (checked separately) or the platform sets them; a tenant could otherwise claim another
     * tenant's address and have its own policies applied to someone else's traffic.
     */
    public static void requireMaySetAddresses(Caller caller, ObjectKey key) {
        if (caller.role() != Role.AGENT && !caller.unrestricted()) {
            throw new ObjectForbiddenException(key, "pod addresses are registered by the agent of the pod's node");
        }
    }

    /**
     * Only the platform admin sets, changes or removes a protected label: selectors written against
     * protected keys can then trust that whoever carries one was given it by the platform.
     */
    public static void requireProtectedLabelsUnchanged(
            Caller caller,
            ObjectKey key,
            Set<String> protectedKeys,
            Map<String, String> before,
            Map<String, String> after) {
        if (caller.unrestricted() || protectedKeys.isEmpty()) {
            return;
        }
        Set<String> touched = new TreeSet<>();
        for (String k : protectedKeys) {
            if (!Objects.equals(before.get(k), after.get(k))) {
                touched.add(k);
            }
        }
        if (!touched.isEmpty()) {
            throw new ObjectForbiddenException(
                    key,
                    "label" + (touched.size() == 1 ? " " : "s ")
                            + String.join(", ", List.copyOf(touched)) + (touched.size() == 1 ? " is" : " are")
                            + " protected; only a platform admin may set, change or remove "
                            + (touched.size() == 1 ? "it" : "them"));
        }
    }
}
