package io.policyledger.eventstore;

import io.policyledger.core.namespace.NamespaceCreated;
import java.util.Map;
import org.axonframework.serialization.RevisionResolver;

/**
 * The stored revision of each event type whose form changed since it was first stored (the others have
 * none). The domain's records stay free of framework annotations, so the revisions are kept here, next
 * to the upcasters that bring older forms up to them.
 *
 * <pre>
 *   NamespaceCreated   (none) -> "2"   the owning tenant is a field of its own, not only a label
 * </pre>
 */
final class EventRevisions implements RevisionResolver {

    static final Map<Class<?>, String> REVISIONS = Map.of(NamespaceCreated.class, NamespaceCreatedUpcaster.REVISION);

    @Override
    public String revisionOf(Class<?> payloadType) {
        return REVISIONS.get(payloadType);
    }
}
