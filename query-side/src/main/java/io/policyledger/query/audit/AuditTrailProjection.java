package io.policyledger.query.audit;

import io.policyledger.core.namespace.NamespaceCreated;
import io.policyledger.core.namespace.NamespaceDeleted;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.token.TokenIssued;
import io.policyledger.eventstore.EventAttribution;
import io.policyledger.query.position.ProjectionPositions;
import io.policyledger.query.projection.ReadModel;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail's index ({@code audit_event}): for every stored event, who (subject, role, tenant,
 * request, address), when, which event type, which object, and whose object it was at the time. The
 * owner is decided as the log goes, so a namespace deleted and later created by another tenant keeps
 * its earlier history with its earlier owner.
 */
@Component
@ProcessingGroup(AuditTrailProjection.NAME)
public class AuditTrailProjection {

    public static final String NAME = "audit-trail";

    public static final ReadModel READ_MODEL = new ReadModel(
            NAME,
            List.of(
                    new ReadModel.Table("audit_event", "*", true),
                    new ReadModel.Table("audit_namespace_owner", "*", true)),
            AuditTrailProjection::writingTo);

    private final JdbcTemplate jdbc;
    private final ProjectionPositions positions;

    AuditTrailProjection(JdbcTemplate jdbc, ProjectionPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    /** A projection writing through {@code jdbc} alone: a rebuild's, into tables beside the live ones. */
    public static AuditTrailProjection writingTo(JdbcTemplate jdbc) {
        return new AuditTrailProjection(jdbc, new ProjectionPositions(jdbc));
    }

    @EventHandler
    void on(Object event, EventMessage<?> message, TrackingToken token) {
        long revision = token.position()
                .orElseThrow(() -> new IllegalStateException("tracking token without a position: " + token));
        Optional<ObjectKey> key = message instanceof DomainEventMessage<?> domain
                ? ObjectKey.ofAggregateId(domain.getAggregateIdentifier())
                : Optional.empty();
        Batch batch = batch();
        if (event instanceof NamespaceCreated created) {
            jdbc.update(
                    "INSERT INTO audit_namespace_owner (namespace, tenant) VALUES (?, ?) ON CONFLICT (namespace) "
                            + "DO UPDATE SET tenant = EXCLUDED.tenant",
                    created.name(),
                    created.tenant());
            if (batch != null) {
                batch.owners.put(created.name(), Optional.ofNullable(created.tenant()));
            }
        }
        String owner = key.map(k -> ownerOf(k, event, batch)).orElse(null);
        if (event instanceof NamespaceDeleted deleted) {
            jdbc.update("DELETE FROM audit_namespace_owner WHERE namespace = ?", deleted.name());
            if (batch != null) {
                batch.owners.put(deleted.name(), Optional.empty());
            }
        }
        var meta = message.getMetaData();
        Object[] row = {
            revision,
            Timestamp.from(timeOf(meta.get(EventAttribution.TIME), message.getTimestamp())),
            text(meta.get(EventAttribution.ACTOR), "system:policy-ledger"),
            text(meta.get(EventAttribution.ROLE), "system"),
            text(meta.get(EventAttribution.TENANT), null),
            text(meta.get(EventAttribution.REQUEST_ID), null),
            text(meta.get(EventAttribution.SOURCE), null),
            event.getClass().getSimpleName(),
            key.map(k -> k.kind().name()).orElse(null),
            key.map(AuditTrailProjection::namespaceOf).orElse(null),
            key.map(ObjectKey::name).orElse(null),
            owner
        };
        if (batch == null) {
            insert(List.<Object[]>of(row));
        } else {
            batch.rows.add(row);
            if (event instanceof TokenIssued issued) {
                batch.tokenTenants.put(key.map(ObjectKey::name).orElse(""), Optional.ofNullable(issued.tenant()));
            }
        }
        positions.recordOnCommit(NAME, revision);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM audit_event");
        jdbc.update("DELETE FROM audit_namespace_owner");
        positions.reset(NAME);
    }

    private String ownerOf(ObjectKey key, Object event, Batch batch) {
        if (key.kind() == Kind.TENANT) {
            return key.name();
        }
        if (key.kind() == Kind.TOKEN) {
            return event instanceof TokenIssued issued ? issued.tenant() : tokenTenant(key.name());
        }
        String namespace =
                key.kind() == Kind.NAMESPACE ? key.name() : key.kind().namespaced() ? key.namespace() : null;
        if (namespace == null) {
            return null;
        }
        if (batch != null) {
            return batch.owners.computeIfAbsent(namespace, this::storedOwner).orElse(null);
        }
        return storedOwner(namespace).orElse(null);
    }

    private Optional<String> storedOwner(String namespace) {
        List<String> owner = jdbc.queryForList(
                "SELECT tenant FROM audit_namespace_owner WHERE namespace = ?", String.class, namespace);
        return owner.isEmpty() ? Optional.empty() : Optional.ofNullable(owner.get(0));
    }

    /**
     * The rows of the batch being applied, inserted together just before it commits (one round trip for
     * the batch, not one per event), and the tokens issued in it (their rows are not stored yet).
     */
    private static final class Batch {
        final List<Object[]> rows = new ArrayList<>();
        final Map<String, Optional<String>> tokenTenants = new HashMap<>();
        /** Namespaces' owners as read or changed in this batch: asked once per namespace, not per event. */
        final Map<String, Optional<String>> owners = new HashMap<>();
    }

    private Batch batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
        return unit.getOrComputeResource("audit-trail-rows", k -> {
            Batch batch = new Batch();
            unit.onPrepareCommit(u -> insert(batch.rows));
            return batch;
        });
    }

    private void insert(List<Object[]> rows) {
        jdbc.batchUpdate("""
                INSERT INTO audit_event (revision, time, actor, role, actor_tenant, request_id, source, type, kind,
                  namespace, name, tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (revision) DO NOTHING
                """, rows);
    }

    /** A token's tenant is the one it was issued for (cluster-wide tokens have none). */
    private String tokenTenant(String id) {
        Batch batch = batch();
        if (batch != null && batch.tokenTenants.containsKey(id)) {
            return batch.tokenTenants.get(id).orElse(null);
        }
        List<String> issued = jdbc.queryForList(
                "SELECT tenant FROM audit_event WHERE kind = 'TOKEN' AND name = ? "
                        + "AND type = 'TokenIssued' ORDER BY revision LIMIT 1",
                String.class,
                id);
        return issued.isEmpty() ? null : issued.get(0);
    }

    /** The namespace an object is in; a namespace's own events count as in it. */
    private static String namespaceOf(ObjectKey key) {
        return key.kind() == Kind.NAMESPACE ? key.name() : key.namespace().isEmpty() ? null : key.namespace();
    }

    private static Instant timeOf(Object accepted, Instant stored) {
        if (accepted != null) {
            try {
                return Instant.parse(accepted.toString());
            } catch (DateTimeParseException e) {
                // an older or foreign form: the event's own timestamp will do
            }
        }
        return stored;
    }

    private static String text(Object value, String otherwise) {
        return value == null ? otherwise : value.toString();
    }
}
