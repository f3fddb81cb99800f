package io.policyledger.command.networkpolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.policyledger.command.occupancy.NamespaceOccupancy;
import io.policyledger.core.access.Caller;
import io.policyledger.core.networkpolicy.CreateNetworkPolicy;
import io.policyledger.core.networkpolicy.DeleteNetworkPolicy;
import io.policyledger.core.networkpolicy.NetworkPolicyCreated;
import io.policyledger.core.networkpolicy.NetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.NetworkPolicyReplaced;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.networkpolicy.ReplaceNetworkPolicy;
import io.policyledger.core.object.ObjectKey;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The event stream of one NetworkPolicy name in one namespace (decisions shared with the 2016 format
 * in {@link PolicyStream}). Command handlers answer the stream's version after the change.
 */
@Aggregate(type = "NetworkPolicy")
public class NetworkPolicyAggregate extends PolicyStream<NetworkPolicySpec> {

    protected NetworkPolicyAggregate() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(CreateNetworkPolicy command, Caller caller, Clock clock, NamespaceOccupancy namespaces) {
        admitCreation(command, command.namespace(), caller, namespaces);
        apply(new NetworkPolicyCreated(
                command.namespace(),
                command.name(),
                command.uid(),
                command.labels(),
                command.annotations(),
                command.spec(),
                clock.instant()));
        return version;
    }

    @CommandHandler
    public long handle(ReplaceNetworkPolicy command, Caller caller, NamespaceOccupancy namespaces) {
        replacement(command, caller, namespaces, command.spec(), command.labels(), command.annotations())
                .ifPresent(next -> apply(new NetworkPolicyReplaced(
                        command.namespace(),
                        command.name(),
                        uid,
                        command.labels(),
                        command.annotations(),
                        command.spec(),
                        next)));
        return version;
    }

    @CommandHandler
    public long handle(DeleteNetworkPolicy command, Caller caller, NamespaceOccupancy namespaces) {
        admitDeletion(command, command.namespace(), caller, namespaces);
        apply(new NetworkPolicyDeleted(command.namespace(), command.name(), uid));
        return version;
    }

    @EventSourcingHandler
    void on(NetworkPolicyCreated event, @SequenceNumber long sequence) {
        created(
                ObjectKey.networkPolicy(event.namespace(), event.name()).aggregateId(),
                event.namespace(),
                event.uid(),
                event.labels(),
                event.annotations(),
                event.spec(),
                sequence);
    }

    @EventSourcingHandler
    void on(NetworkPolicyReplaced event, @SequenceNumber long sequence) {
        replaced(event.labels(), event.annotations(), event.spec(), event.generation(), sequence);
    }

    @EventSourcingHandler
    void on(NetworkPolicyDeleted event, @SequenceNumber long sequence) {
        deleted(sequence);
    }
}
