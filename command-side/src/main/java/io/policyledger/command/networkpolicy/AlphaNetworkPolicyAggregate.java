package io.policyledger.command.networkpolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.policyledger.command.occupancy.NamespaceOccupancy;
import io.policyledger.core.access.Caller;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyCreated;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyReplaced;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.CreateAlphaNetworkPolicy;
import io.policyledger.core.networkpolicy.alpha.DeleteAlphaNetworkPolicy;
import io.policyledger.core.networkpolicy.alpha.ReplaceAlphaNetworkPolicy;
import io.policyledger.core.object.ObjectKey;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The event stream of one 2016-format (net.alpha.kubernetes.io/v1alpha1) policy. Its own stream and
 * kind, beside the v1 policies: a v1 and a v1alpha1 policy may share a name, as they did in a cluster
 * of 2016 that had both APIs. Decides as a v1 policy does ({@link PolicyStream}).
 */
@Aggregate(type = "AlphaNetworkPolicy")
public class AlphaNetworkPolicyAggregate extends PolicyStream<AlphaNetworkPolicySpec> {

    protected AlphaNetworkPolicyAggregate() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(CreateAlphaNetworkPolicy command, Caller caller, Clock clock, NamespaceOccupancy namespaces) {
        admitCreation(command, command.namespace(), caller, namespaces);
        apply(new AlphaNetworkPolicyCreated(
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
    public long handle(ReplaceAlphaNetworkPolicy command, Caller caller, NamespaceOccupancy namespaces) {
        replacement(command, caller, namespaces, command.spec(), command.labels(), command.annotations())
                .ifPresent(next -> apply(new AlphaNetworkPolicyReplaced(
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
    public long handle(DeleteAlphaNetworkPolicy command, Caller caller, NamespaceOccupancy namespaces) {
        admitDeletion(command, command.namespace(), caller, namespaces);
        apply(new AlphaNetworkPolicyDeleted(command.namespace(), command.name(), uid));
        return version;
    }

    @EventSourcingHandler
    void on(AlphaNetworkPolicyCreated event, @SequenceNumber long sequence) {
        created(
                ObjectKey.alphaNetworkPolicy(event.namespace(), event.name()).aggregateId(),
                event.namespace(),
                event.uid(),
                event.labels(),
                event.annotations(),
                event.spec(),
                sequence);
    }

    @EventSourcingHandler
    void on(AlphaNetworkPolicyReplaced event, @SequenceNumber long sequence) {
        replaced(event.labels(), event.annotations(), event.spec(), event.generation(), sequence);
    }

    @EventSourcingHandler
    void on(AlphaNetworkPolicyDeleted event, @SequenceNumber long sequence) {
        deleted(sequence);
    }
}
