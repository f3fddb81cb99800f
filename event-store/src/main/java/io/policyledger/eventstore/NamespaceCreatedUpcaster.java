package io.policyledger.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.core.namespace.NamespaceCreated;
import io.policyledger.core.namespace.NamespaceLabels;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code NamespaceCreated} as first stored (no revision) named its tenant only in the trusted label
 * {@value NamespaceLabels#TENANT}; revision 2 carries it as the field {@code tenant}, which ownership
 * checks and the audit trail read. Old events get the field from the label when they are read, so a
 * log written before the change replays to the same owners.
 */
public final class NamespaceCreatedUpcaster extends SingleEventUpcaster {

    static final String REVISION = "2";
    private static final String TYPE = NamespaceCreated.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return TYPE.equals(event.getType().getName()) && event.getType().getRevision() == null;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(
                new SimpleSerializedType(TYPE, REVISION), JsonNode.class, NamespaceCreatedUpcaster::toRevision2);
    }

    /** The first stored form, brought to revision 2 (unchanged if it already names its tenant). */
    public static JsonNode toRevision2(JsonNode first) {
        if (first instanceof ObjectNode event && !event.hasNonNull("tenant")) {
            JsonNode tenant = event.path("labels").get(NamespaceLabels.TENANT);
            if (tenant != null && tenant.isTextual()) {
                event.put("tenant", tenant.asText());
            }
        }
        return first;
    }
}
