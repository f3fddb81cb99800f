package io.policyledger.command.tenant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.policyledger.command.ChangePreconditions;
import io.policyledger.command.occupancy.TenantOccupancy;
import io.policyledger.command.token.TokenRegistry;
import io.policyledger.core.access.Caller;
import io.policyledger.core.access.CommandAuthorization;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.tenant.ChangeTenantMetadata;
import io.policyledger.core.tenant.CreateTenant;
import io.policyledger.core.tenant.DeleteTenant;
import io.policyledger.core.tenant.TenantCreated;
import io.policyledger.core.tenant.TenantDeleted;
import io.policyledger.core.tenant.TenantMetadataChanged;
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
 * The event stream of one tenant name. A tenant that still owns namespaces cannot be deleted (409),
 * for the same reason a namespace holding objects cannot: deletions stay explicit. Once a tenant is
 * deleted, the tokens of its tenant roles stop working (see the token registry).
 */
@Aggregate(type = "Tenant")
public class TenantAggregate {

    @AggregateIdentifier
    private String streamId;

    private boolean exists;
    private String uid;
    private Map<String, String> labels;
    private Map<String, String> annotations;
    private long version;

    protected TenantAggregate() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(CreateTenant command, Caller caller, Clock clock, TenantOccupancy tenants) {
        CommandAuthorization.requireMayWrite(caller, command.key());
        if (exists) {
            throw new ObjectAlreadyExistsException(command.key());
        }
        tenants.open(command.name());
        apply(new TenantCreated(
                command.name(), command.uid(), command.labels(), command.annotations(), clock.instant()));
        return version;
    }

    @CommandHandler
    public long handle(ChangeTenantMetadata command, Caller caller) {
        ChangePreconditions.check(command, caller, exists, null, uid, version);
        if (!command.labels().equals(labels) || !command.annotations().equals(annotations)) {
            apply(new TenantMetadataChanged(command.name(), uid, command.labels(), command.annotations()));
        }
        return version;
    }

    @CommandHandler
    public long handle(
            DeleteTenant command, Caller caller, Clock clock, TenantOccupancy tenants, TokenRegistry tokens) {
        ChangePreconditions.check(command, caller, exists, null, uid, version);
        tenants.close(command.name());
        // A tenant's credentials end with it, and stay ended if the name is ever given to a new tenant.
        tokens.revokeAllOfTenant(command.name(), clock.instant());
        apply(new TenantDeleted(command.name(), uid));
        return version;
    }

    @EventSourcingHandler
    void on(TenantCreated event, @SequenceNumber long sequence) {
        streamId = ObjectKey.tenant(event.name()).aggregateId();
        exists = true;
        uid = event.uid();
        labels = event.labels();
        annotations = event.annotations();
        version = sequence;
    }

    @EventSourcingHandler
    void on(TenantMetadataChanged event, @SequenceNumber long sequence) {
        labels = event.labels();
        annotations = event.annotations();
        version = sequence;
    }

    @EventSourcingHandler
    void on(TenantDeleted event, @SequenceNumber long sequence) {
        exists = false;
        version = sequence;
    }
}
