package io.policyledger.app.api;

import io.policyledger.app.api.registry.ApiResource;
import io.policyledger.app.api.registry.ApiResources;
import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.core.access.Caller;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.query.objects.StoredObject;
import java.util.List;
import java.util.Optional;

/**
 * What the generic REST operations need to know about one kind of object: its wire type, how a
 * wire object becomes a command, and how a stored object is shown.
 *
 * @param <W> the wire (JSON/YAML) representation of the kind
 */
interface ResourceDefinition<W> {

    Kind kind();

    /** e.g. {@code v1}, {@code networking.k8s.io/v1} */
    String apiVersion();

    /** This kind's entry in the registry. */
    default ApiResource resource() {
        return ApiResources.of(apiVersion(), kind().resource());
    }

    Class<W> wireType();

    String apiVersionOf(W wire);

    String kindOf(W wire);

    ObjectMeta metadataOf(W wire);

    /**
     * @param caller who creates it (a namespace takes its tenant from the caller)
     * @param meta   the wire object's metadata (never null)
     */
    ObjectCommand create(Caller caller, String namespace, String name, String uid, ObjectMeta meta, W wire);

    /** A replacement of the object through its main resource (for kinds with a status: all but the status). */
    ObjectCommand replace(
            String namespace, String name, ObjectMeta meta, W wire, String expectedUid, Long expectedVersion);

    /** A replacement of the object's status through its {@code /status} subresource, for kinds that have one. */
    default Optional<ObjectCommand> replaceStatus(
            String namespace, String name, W wire, String expectedUid, Long expectedVersion) {
        return Optional.empty();
    }

    /**
     * What a client should be told about a write that is valid but questionable (shown by kubectl as
     * "Warning: ..."); nothing by default.
     */
    default List<String> warningsFor(String name, W wire) {
        return List.of();
    }

    ObjectCommand delete(String namespace, String name, String expectedUid, Long expectedVersion);

    W toWire(StoredObject stored, ObjectMeta metadata);

    /**
     * For a cluster-scoped kind the platform writes and tenants may read: which objects concern a tenant
     * and how they are shown to it. Empty: tenants see the kind's objects by namespace, or not at all.
     */
    default Optional<TenantView> tenantView() {
        return Optional.empty();
    }

    /** Whether reads add a status derived from the kind's other objects ({@link #withDerivedStatus}). */
    default boolean derivesStatus() {
        return false;
    }

    /**
     * The object as read, with the status the server derives from the kind's objects the caller sees as of
     * the same revision ({@code sameKind}, this one included).
     */
    default W withDerivedStatus(W wire, StoredObject stored, List<StoredObject> sameKind) {
        return wire;
    }
}
