package io.policyledger.command.networkpolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.policyledger.command.ChangePreconditions;
import io.policyledger.command.occupancy.NamespaceOccupancy;
import io.policyledger.core.access.AccessRules;
import io.policyledger.core.access.Caller;
import io.policyledger.core.networkpolicy.CreateNetworkPolicy;
import io.policyledger.core.networkpolicy.DeleteNetworkPolicy;
import io.policyledger.core.networkpolicy.NetworkPolicyCreated;
import io.policyledger.core.networkpolicy.NetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.NetworkPolicyReplaced;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.networkpolicy.ReplaceNetworkPolicy;
import io.policyledger.core.object.ObjectAlreadyExistsException;
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
 * The event stream of one NetworkPolicy name in one namespace. A replace stores the whole new spec:
 * the policy becomes exactly what was sent, never a merge with what it was. Command handlers answer
 * the stream's version after the change; a change that changes nothing records nothing.
 */
@Aggregate(type = "NetworkPolicy")
public class NetworkPolicyAggregate {

    @AggregateIdentifier
    private String streamId;
    private boolean exists;
    private String namespace;
    private String uid;
    private Map<String, String> labels;
    private Map<String, String> annotations;
    private NetworkPolicySpec spec;
    private long generation;
    private long version;

    protected NetworkPolicyAggregate() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(CreateNetworkPolicy command, Caller caller, Clock clock, NamespaceOccupancy namespaces) {
        namespaces.admit(command.namespace(), caller);
        AccessRules.requireMayWrite(caller, command.key());
        if (exists) {
            throw new ObjectAlreadyExistsException(command.key());
        }
        apply(new NetworkPolicyCreated(command.namespace(), command.name(), command.uid(), command.labels(),
                command.annotations(), command.spec(), clock.instant()));
        return version;
    }

    @CommandHandler
    public long handle(ReplaceNetworkPolicy command, Caller caller, NamespaceOccupancy namespaces) {
        ChangePreconditions.check(command, caller, exists, ownerTenant(namespaces), uid, version);
        boolean specChanged = !command.spec().equals(spec);
        if (specChanged || !command.labels().equals(labels) || !command.annotations().equals(annotations)) {
            apply(new NetworkPolicyReplaced(command.namespace(), command.name(), uid, command.labels(),
                    command.annotations(), command.spec(), specChanged ? generation + 1 : generation));
        }
        return version;
    }

    @CommandHandler
    public long handle(DeleteNetworkPolicy command, Caller caller, NamespaceOccupancy namespaces) {
        ChangePreconditions.check(command, caller, exists, ownerTenant(namespaces), uid, version);
        namespaces.release(command.namespace());
        apply(new NetworkPolicyDeleted(command.namespace(), command.name(), uid));
        return version;
    }

    /** The tenant owning the policy's namespace (which exists while the policy does), locked until commit. */
    private String ownerTenant(NamespaceOccupancy namespaces) {
        return exists ? namespaces.ownerOf(namespace) : null;
    }

    @EventSourcingHandler
    void on(NetworkPolicyCreated event, @SequenceNumber long sequence) {
        streamId = ObjectKey.networkPolicy(event.namespace(), event.name()).aggregateId();
        exists = true;
        namespace = event.namespace();
        uid = event.uid();
        labels = event.labels();
        annotations = event.annotations();
        spec = event.spec();
        generation = 1;
        version = sequence;
    }

    @EventSourcingHandler
    void on(NetworkPolicyReplaced event, @SequenceNumber long sequence) {
        labels = event.labels();
        annotations = event.annotations();
        spec = event.spec();
        generation = event.generation();
        version = sequence;
    }

    @EventSourcingHandler
    void on(NetworkPolicyDeleted event, @SequenceNumber long sequence) {
        exists = false;
        version = sequence;
    }
}
