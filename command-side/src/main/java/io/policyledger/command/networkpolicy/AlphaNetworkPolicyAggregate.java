package io.policyledger.command.networkpolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.policyledger.command.ChangePreconditions;
import io.policyledger.command.occupancy.NamespaceOccupancy;
import io.policyledger.core.access.AccessRules;
import io.policyledger.core.access.Caller;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyCreated;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyReplaced;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.CreateAlphaNetworkPolicy;
import io.policyledger.core.networkpolicy.alpha.DeleteAlphaNetworkPolicy;
import io.policyledger.core.networkpolicy.alpha.ReplaceAlphaNetworkPolicy;
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
 * The event stream of one 2016-format (net.alpha.kubernetes.io/v1alpha1) policy. Its own stream and
 * kind, beside the v1 policies: a v1 and a v1alpha1 policy may share a name, as they did in a cluster
 * of 2016 that had both APIs.
 */
@Aggregate(type = "AlphaNetworkPolicy")
public class AlphaNetworkPolicyAggregate {

    @AggregateIdentifier
    private String streamId;
    private boolean exists;
    private String namespace;
    private String uid;
    private Map<String, String> labels;
    private Map<String, String> annotations;
    private AlphaNetworkPolicySpec spec;
    private long generation;
    private long version;

    protected AlphaNetworkPolicyAggregate() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(CreateAlphaNetworkPolicy command, Caller caller, Clock clock, NamespaceOccupancy namespaces) {
        namespaces.admit(command.namespace(), caller);
        AccessRules.requireMayWrite(caller, command.key());
        if (exists) {
            throw new ObjectAlreadyExistsException(command.key());
        }
        apply(new AlphaNetworkPolicyCreated(command.namespace(), command.name(), command.uid(), command.labels(),
                command.annotations(), command.spec(), clock.instant()));
        return version;
    }

    @CommandHandler
    public long handle(ReplaceAlphaNetworkPolicy command, Caller caller, NamespaceOccupancy namespaces) {
        ChangePreconditions.check(command, caller, exists, exists ? namespaces.ownerOf(namespace) : null, uid, version);
        boolean specChanged = !command.spec().equals(spec);
        if (specChanged || !command.labels().equals(labels) || !command.annotations().equals(annotations)) {
            apply(new AlphaNetworkPolicyReplaced(command.namespace(), command.name(), uid, command.labels(),
                    command.annotations(), command.spec(), specChanged ? generation + 1 : generation));
        }
        return version;
    }

    @CommandHandler
    public long handle(DeleteAlphaNetworkPolicy command, Caller caller, NamespaceOccupancy namespaces) {
        ChangePreconditions.check(command, caller, exists, exists ? namespaces.ownerOf(namespace) : null, uid, version);
        namespaces.release(command.namespace());
        apply(new AlphaNetworkPolicyDeleted(command.namespace(), command.name(), uid));
        return version;
    }

    @EventSourcingHandler
    void on(AlphaNetworkPolicyCreated event, @SequenceNumber long sequence) {
        streamId = ObjectKey.alphaNetworkPolicy(event.namespace(), event.name()).aggregateId();
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
    void on(AlphaNetworkPolicyReplaced event, @SequenceNumber long sequence) {
        labels = event.labels();
        annotations = event.annotations();
        spec = event.spec();
        generation = event.generation();
        version = sequence;
    }

    @EventSourcingHandler
    void on(AlphaNetworkPolicyDeleted event, @SequenceNumber long sequence) {
        exists = false;
        version = sequence;
    }
}
