package io.policyledger.app.api;

import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.core.access.Caller;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.query.objects.StoredObject;

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

    Class<W> wireType();

    String apiVersionOf(W wire);

    String kindOf(W wire);

    ObjectMeta metadataOf(W wire);

    /** @param caller who creates it (a namespace takes its tenant from the caller) */
    ObjectCommand create(Caller caller, String namespace, String name, String uid, W wire);

    ObjectCommand replace(String namespace, String name, W wire, String expectedUid, Long expectedVersion);

    ObjectCommand delete(String namespace, String name, String expectedUid, Long expectedVersion);

    W toWire(StoredObject stored, ObjectMeta metadata);
}
