package io.policyledger.command.clusternetworkpolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.policyledger.command.ChangePreconditions;
import io.policyledger.core.access.Caller;
import io.policyledger.core.access.CommandAuthorization;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyCreated;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyDeleted;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyReplaced;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySpec;
import io.policyledger.core.clusternetworkpolicy.CreateClusterNetworkPolicy;
import io.policyledger.core.clusternetworkpolicy.DeleteClusterNetworkPolicy;
import io.policyledger.core.clusternetworkpolicy.ReplaceClusterNetworkPolicy;
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

/** One ClusterNetworkPolicy's stream: platform admins create, replace and delete it. */
@Aggregate(type = "ClusterNetworkPolicy")
public class ClusterNetworkPolicyAggregate {

    @AggregateIdentifier
    private String streamId;

    private boolean exists;
    private String uid;
    private Map<String, String> labels;
    private Map<String, String> annotations;
    private ClusterNetworkPolicySpec spec;
    private long generation;
    private long version;

    protected ClusterNetworkPolicyAggregate() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(CreateClusterNetworkPolicy command, Caller caller, Clock clock) {
        CommandAuthorization.requireMayWrite(caller, command.key());
        if (exists) {
            throw new ObjectAlreadyExistsException(command.key());
        }
        apply(new ClusterNetworkPolicyCreated(
                command.name(),
                command.uid(),
                command.labels(),
                command.annotations(),
                command.spec(),
                clock.instant()));
        return version;
    }

    @CommandHandler
    public long handle(ReplaceClusterNetworkPolicy command, Caller caller) {
        ChangePreconditions.check(command, caller, exists, null, uid, version);
        boolean specChanged = !command.spec().equals(spec);
        if (specChanged
                || !command.labels().equals(labels)
                || !command.annotations().equals(annotations)) {
            apply(new ClusterNetworkPolicyReplaced(
                    command.name(),
                    uid,
                    command.labels(),
                    command.annotations(),
                    command.spec(),
                    specChanged ? generation + 1 : generation));
        }
        return version;
    }

    @CommandHandler
    public long handle(DeleteClusterNetworkPolicy command, Caller caller) {
        ChangePreconditions.check(command, caller, exists, null, uid, version);
        apply(new ClusterNetworkPolicyDeleted(command.name(), uid));
        return version;
    }

    @EventSourcingHandler
    void on(ClusterNetworkPolicyCreated event, @SequenceNumber long sequence) {
        streamId = ObjectKey.clusterNetworkPolicy(event.name()).aggregateId();
        exists = true;
        uid = event.uid();
        labels = event.labels();
        annotations = event.annotations();
        spec = event.spec();
        generation = 1;
        version = sequence;
    }

    @EventSourcingHandler
    void on(ClusterNetworkPolicyReplaced event, @SequenceNumber long sequence) {
        labels = event.labels();
        annotations = event.annotations();
        spec = event.spec();
        generation = event.generation();
        version = sequence;
    }

    @EventSourcingHandler
    void on(ClusterNetworkPolicyDeleted event, @SequenceNumber long sequence) {
        exists = false;
        version = sequence;
    }
}
