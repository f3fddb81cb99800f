package io.policyledger.command.settings;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.policyledger.command.ChangePreconditions;
import io.policyledger.core.access.Caller;
import io.policyledger.core.access.CommandAuthorization;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.settings.ClusterSettingsCreated;
import io.policyledger.core.settings.ClusterSettingsDeleted;
import io.policyledger.core.settings.ClusterSettingsReplaced;
import io.policyledger.core.settings.ClusterSettingsSpec;
import io.policyledger.core.settings.CreateClusterSettings;
import io.policyledger.core.settings.DeleteClusterSettings;
import io.policyledger.core.settings.ReplaceClusterSettings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The platform's settings (one object, named "default"). Its rules (protected label keys, reserved
 * namespace names) are also written to the {@link PlatformReservations} tables in the same transaction, where
 * every namespace and pod write checks them.
 */
@Aggregate(type = "ClusterSettings")
public class ClusterSettingsAggregate {

    private static final int CARRIERS_SHOWN = 10;

    @AggregateIdentifier
    private String streamId;

    private boolean exists;
    private String uid;
    private Map<String, String> labels;
    private Map<String, String> annotations;
    private ClusterSettingsSpec spec;
    private long generation;
    private long version;

    protected ClusterSettingsAggregate() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(
            CreateClusterSettings command,
            Caller caller,
            Clock clock,
            PlatformReservations platform,
            ReservationUsage usage) {
        CommandAuthorization.requireMayWrite(caller, command.key());
        if (exists) {
            throw new ObjectAlreadyExistsException(command.key());
        }
        protect(command.spec(), ClusterSettingsSpec.NONE, command, platform, usage);
        apply(new ClusterSettingsCreated(
                command.name(),
                command.uid(),
                command.labels(),
                command.annotations(),
                command.spec(),
                clock.instant()));
        return version;
    }

    @CommandHandler
    public long handle(
            ReplaceClusterSettings command, Caller caller, PlatformReservations platform, ReservationUsage usage) {
        ChangePreconditions.check(command, caller, exists, null, uid, version);
        boolean specChanged = !command.spec().equals(spec);
        if (specChanged
                || !command.labels().equals(labels)
                || !command.annotations().equals(annotations)) {
            protect(command.spec(), spec, command, platform, usage);
            apply(new ClusterSettingsReplaced(
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
    public long handle(DeleteClusterSettings command, Caller caller, PlatformReservations platform) {
        ChangePreconditions.check(command, caller, exists, null, uid, version);
        platform.replace(ClusterSettingsSpec.NONE);
        apply(new ClusterSettingsDeleted(command.name(), uid));
        return version;
    }

    /**
     * Puts the new rules in force. A key that becomes protected while some namespace or pod already
     * carries it is refused, as is a name reserved while some namespace already has it: whoever set that
     * label or made that namespace need not have been the platform, and the rule would lend it a trust
     * it never earned. (Reserve or protect first, then create or label.) The check runs after the rules
     * are locked, so no write can slip in between.
     */
    private static void protect(
            ClusterSettingsSpec next,
            ClusterSettingsSpec before,
            ObjectCommand command,
            PlatformReservations platform,
            ReservationUsage usage) {
        platform.replace(next);
        Set<String> addedKeys = added(next.protectedLabelKeys(), before.protectedLabelKeys());
        refuseIfCovered(
                command,
                "label keys " + addedKeys + " are already set on",
                usage.objectsCarrying(addedKeys, CARRIERS_SHOWN),
                "remove them before protecting the keys");
        Set<String> addedNames = added(next.reservedNamespaceNames(), before.reservedNamespaceNames());
        refuseIfCovered(
                command,
                "namespace names " + addedNames + " are already used by",
                usage.namespacesMatching(addedNames, CARRIERS_SHOWN),
                "delete those before reserving the names");
    }

    private static Set<String> added(List<String> next, List<String> before) {
        Set<String> added = new TreeSet<>(next);
        added.removeAll(before);
        return added;
    }

    private static void refuseIfCovered(ObjectCommand command, String what, List<String> carriers, String remedy) {
        if (!carriers.isEmpty()) {
            throw new ObjectConflictException(
                    command.key(),
                    what + " " + carriers + (carriers.size() == CARRIERS_SHOWN ? " and more" : "") + "; " + remedy);
        }
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
