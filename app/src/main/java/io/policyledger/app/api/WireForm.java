package io.policyledger.app.api;

import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.query.objects.StoredObject;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Between the API's wire objects and the ledger's: a stored object as a client sees it, a route's key. */
final class WireForm {

    private WireForm() {}

    static <W> W of(ResourceDefinition<W> def, StoredObject o) {
        ObjectMeta meta = new ObjectMeta(
                o.key().name(),
                null,
                def.kind().namespaced() ? o.key().namespace() : null,
                o.uid(),
                Long.toString(o.resourceVersion()),
                o.generation() == 0 ? null : o.generation(),
                DateTimeFormatter.ISO_INSTANT.format(o.creationTimestamp().truncatedTo(ChronoUnit.SECONDS)),
                o.labels().isEmpty() ? null : o.labels(),
                o.annotations().isEmpty() ? null : o.annotations(),
                null);
        return def.toWire(o, Ownership.shown(meta));
    }

    static <W> ObjectKey keyOf(ResourceDefinition<W> def, String namespace, String name) {
        return new ObjectKey(def.kind(), Objects.requireNonNullElse(namespace, ""), name);
    }
}
