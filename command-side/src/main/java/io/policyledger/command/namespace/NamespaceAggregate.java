package io.policyledger.command.namespace;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.policyledger.command.ChangePreconditions;
import io.policyledger.command.occupancy.NamespaceOccupancy;
import io.policyledger.command.occupancy.TenantOccupancy;
import io.policyledger.command.settings.PlatformReservations;
import io.policyledger.core.access.Caller;
import io.policyledger.core.access.CommandAuthorization;
import io.policyledger.core.namespace.ChangeNamespaceMetadata;
import io.policyledger.core.namespace.CreateNamespace;
import io.policyledger.core.namespace.DeleteNamespace;
import io.policyledger.core.namespace.NamespaceCreated;
import io.policyledger.core.namespace.NamespaceDeleted;
import io.policyledger.core.namespace.NamespaceLabels;
import io.policyledger.core.namespace.NamespaceMetadataChanged;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectForbiddenException;
import io.policyledger.core.object.ObjectKey;
import java.time.Clock;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The event stream of one namespace name. A name outlives its namespaces: after a deletion the same
 * stream records the next namespace of that name (with a new uid, possibly another tenant), so the
 * history of a name is one stream. A namespace belongs to one tenant for its whole life.
 *
 * <p>Deleting a namespace that still holds objects is refused (409) rather than cascaded: a cascade
 * would have to delete objects the client did not name, in many streams, without atomicity across
 * them; refusing keeps every deletion explicit and every command one transaction. Command handlers
 * answer the stream's version after the change.
 */
@Aggregate(type = "Namespace")
public class NamespaceAggregate {

    @AggregateIdentifier
    private String streamId;

    private boolean exists;
    private String uid;
    private String tenant;
    private Map<String, String> labels;
    private Map<String, String> annotations;
    private long version;

    protected NamespaceAggregate() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(
            CreateNamespace command,
            Caller caller,
            Clock clock,
            NamespaceOccupancy namespaces,
            TenantOccupancy tenants,
            PlatformReservations platform) {
        CommandAuthorization.requireMayWrite(caller, command.key());
        if (!caller.ownsTenant(command.tenant())) {
            throw new ObjectForbiddenException(command.key(), "a tenant may only create namespaces of its own");
        }
        if (exists) {
            throw new ObjectAlreadyExistsException(command.key());
        }
        if (!caller.unrestricted() && platform.isReservedNamespace(command.name())) {
            throw new ObjectForbiddenException(command.key(), "the name is reserved by the platform");
        }
        CommandAuthorization.requireProtectedLabelsUnchanged(
                caller, command.key(), platform.protectedLabelKeys(), Map.of(), command.labels());
        tenants.admit(command.tenant());
        namespaces.open(command.name(), command.tenant());
        apply(new NamespaceCreated(
                command.name(),
                command.uid(),
                command.tenant(),
                command.labels(),
                command.annotations(),
                clock.instant()));
        return version;
    }

    @CommandHandler
    public long handle(ChangeNamespaceMetadata command, Caller caller, PlatformReservations platform) {
        ChangePreconditions.check(command, caller, exists, tenant, uid, version);
        Map<String, String> newLabels = NamespaceLabels.withServerLabels(command.name(), tenant, command.labels());
        CommandAuthorization.requireProtectedLabelsUnchanged(
                caller, command.key(), platform.protectedLabelKeys(), labels, newLabels);
        if (!newLabels.equals(labels) || !command.annotations().equals(annotations)) {
            apply(new NamespaceMetadataChanged(command.name(), uid, newLabels, command.annotations()));
        }
        return version;
    }

    @CommandHandler
    public long handle(DeleteNamespace command, Caller caller, NamespaceOccupancy namespaces, TenantOccupancy tenants) {
        ChangePreconditions.check(command, caller, exists, tenant, uid, version);
        namespaces.close(command.name());
        tenants.release(tenant);
        apply(new NamespaceDeleted(command.name(), uid));
        return version;
    }

    @EventSourcingHandler
    void on(NamespaceCreated event, @SequenceNumber long sequence) {
        streamId = ObjectKey.namespace(event.name()).aggregateId();
        exists = true;
        uid = event.uid();
        tenant = event.tenant();
        labels = event.labels();
        annotations = event.annotations();
        version = sequence;
    }

    @EventSourcingHandler
    void on(NamespaceMetadataChanged event, @SequenceNumber long sequence) {
        labels = event.labels();
        annotations = event.annotations();
        version = sequence;
    }

    @EventSourcingHandler
    void on(NamespaceDeleted event, @SequenceNumber long sequence) {
        exists = false;
        version = sequence;
    }
}
