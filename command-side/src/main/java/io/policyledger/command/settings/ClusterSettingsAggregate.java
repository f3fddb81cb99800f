package io.policyledger.command.settings;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.policyledger.command.ChangePreconditions;
import io.policyledger.core.access.AccessRules;
import io.policyledger.core.access.Caller;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.settings.ClusterSettingsCreated;
import io.policyledger.core.settings.ClusterSettingsDeleted;
import io.policyledger.core.settings.ClusterSettingsReplaced;
import io.policyledger.core.settings.ClusterSettingsSpec;
import io.policyledger.core.settings.CreateClusterSettings;
import io.policyledger.core.settings.DeleteClusterSettings;
import io.policyledger.core.settings.ReplaceClusterSettings;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The platform's settings (one object, named "default"). Its protected label keys are also written
 * to the {@link ProtectedLabelKeys} table in the same transaction, where every namespace and pod write
 * checks them.
 */
@Aggregate(type = "ClusterSettings")
public class ClusterSettingsAggregate {

    @AggregateIdentifier
    private String streamId;
    private boolean exists;
    private String uid;
    private Map<String, String> labels;
    private Map<String, String> annotations;
    private ClusterSettingsSpec spec;
    private long generation;
    private long version;

    protected ClusterSettingsAggregate() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(CreateClusterSettings command, Caller caller, Clock clock, ProtectedLabelKeys protectedKeys) {
        AccessRules.requireMayWrite(caller, command.key());
        if (exists) {
            throw new ObjectAlreadyExistsException(command.key());
        }
        protectedKeys.replace(Set.copyOf(command.spec().protectedLabelKeys()));
        apply(new ClusterSettingsCreated(command.name(), command.uid(), command.labels(), command.annotations(),
                command.spec(), clock.instant()));
        return version;
    }

    @CommandHandler
    public long handle(ReplaceClusterSettings command, Caller caller, ProtectedLabelKeys protectedKeys) {
        ChangePreconditions.check(command, caller, exists, null, uid, version);
        boolean specChanged = !command.spec().equals(spec);
        if (specChanged || !command.labels().equals(labels) || !command.annotations().equals(annotations)) {
            protectedKeys.replace(Set.copyOf(command.spec().protectedLabelKeys()));
            apply(new ClusterSettingsReplaced(command.name(), uid, command.labels(), command.annotations(),
                    command.spec(), specChanged ? generation + 1 : generation));
        }
        return version;
    }

    @CommandHandler
    public long handle(DeleteClusterSettings command, Caller caller, ProtectedLabelKeys protectedKeys) {
        ChangePreconditions.check(command, caller, exists, null, uid, version);
        protectedKeys.replace(Set.of());
        apply(new ClusterSettingsDeleted(command.name(), uid));
        return version;
    }

    @EventSourcingHandler
    void on(ClusterSettingsCreated event, @SequenceNumber long sequence) {
        streamId = ObjectKey.clusterSettings(event.name()).aggregateId();
        exists = true;
        uid = event.uid();
        labels = event.labels();
        annotations = event.annotations();
        spec = event.spec();
        generation = 1;
        version = sequence;
    }

    @EventSourcingHandler
    void on(ClusterSettingsReplaced event, @SequenceNumber long sequence) {
        labels = event.labels();
        annotations = event.annotations();
        spec = event.spec();
        generation = event.generation();
        version = sequence;
    }

    @EventSourcingHandler
    void on(ClusterSettingsDeleted event, @SequenceNumber long sequence) {
        exists = false;
        version = sequence;
    }
}
