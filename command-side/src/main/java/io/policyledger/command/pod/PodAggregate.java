package io.policyledger.command.pod;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.policyledger.command.ChangePreconditions;
import io.policyledger.command.occupancy.NamespaceOccupancy;
import io.policyledger.command.settings.PlatformReservations;
import io.policyledger.core.access.Caller;
import io.policyledger.core.access.CommandAuthorization;
import io.policyledger.core.access.Role;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectForbiddenException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectNotFoundException;
import io.policyledger.core.pod.CreatePod;
import io.policyledger.core.pod.DeletePod;
import io.policyledger.core.pod.PodCreated;
import io.policyledger.core.pod.PodDeleted;
import io.policyledger.core.pod.PodIP;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import io.policyledger.core.pod.PodUpdated;
import io.policyledger.core.pod.UpdatePod;
import io.policyledger.core.pod.UpdatePodStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The event stream of one pod name in one namespace (recreating a deleted pod continues the stream
 * with a new uid). A pod can only be created in an existing namespace. Its addresses are attested:
 * only the agent of its node (or the platform) sets them, and no two pods hold the same address; its
 * node, once set, only the platform changes. Command handlers answer the stream's version after the
 * change; a change that changes nothing records nothing.
 */
@Aggregate(type = "Pod")
public class PodAggregate {

    @AggregateIdentifier
    private String streamId;

    private boolean exists;
    private String namespace;
    private String uid;
    private Map<String, String> labels;
    private Map<String, String> annotations;
    private PodSpec spec;
    private PodStatus status;
    private long generation;
    private long version;

    protected PodAggregate() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(
            CreatePod command,
            Caller caller,
            Clock clock,
            NamespaceOccupancy namespaces,
            PlatformReservations platform,
            PodAddresses addresses) {
        namespaces.admit(command.namespace(), caller);
        CommandAuthorization.requireMayWrite(caller, command.key());
        if (exists) {
            throw new ObjectAlreadyExistsException(command.key());
        }
        CommandAuthorization.requireAgentNode(
                caller, command.key(), command.spec().nodeName());
        CommandAuthorization.requireProtectedLabelsUnchanged(
                caller, command.key(), platform.protectedLabelKeys(), Map.of(), command.labels());
        if (!addressesOf(command.status()).isEmpty()) {
            CommandAuthorization.requireMaySetAddresses(caller, command.key());
        }
        addresses.assign(command.namespace(), command.name(), addressesOf(command.status()));
        apply(new PodCreated(
                command.namespace(),
                command.name(),
                command.uid(),
                command.labels(),
                command.annotations(),
                command.spec(),
                command.status(),
                clock.instant()));
        return version;
    }

    @CommandHandler
    public long handle(UpdatePod command, Caller caller, NamespaceOccupancy namespaces, PlatformReservations platform) {
        requireAgentSees(caller, command);
        ChangePreconditions.check(command, caller, exists, ownerTenant(namespaces), uid, version);
        CommandAuthorization.requireAgentNode(
                caller, command.key(), command.spec().nodeName());
        if (spec.nodeName() != null && !spec.nodeName().equals(command.spec().nodeName()) && !caller.unrestricted()) {
            throw new ObjectForbiddenException(command.key(), "a pod's node cannot be changed once set");
        }
        CommandAuthorization.requireProtectedLabelsUnchanged(
                caller, command.key(), platform.protectedLabelKeys(), labels, command.labels());
        record(command.namespace(), command.name(), command.labels(), command.annotations(), command.spec(), status);
        return version;
    }

    @CommandHandler
    public long handle(UpdatePodStatus command, Caller caller, NamespaceOccupancy namespaces, PodAddresses addresses) {
        requireAgentSees(caller, command);
        ChangePreconditions.check(command, caller, exists, ownerTenant(namespaces), uid, version);
        CommandAuthorization.requireMaySetAddresses(caller, command.key());
        if (!Objects.equals(command.status(), status)) {
            addresses.assign(command.namespace(), command.name(), addressesOf(command.status()));
        }
        record(command.namespace(), command.name(), labels, annotations, spec, command.status());
        return version;
    }

    /** A pod on another node does not exist for an agent: nothing about it (uid, version) is compared. */
    private void requireAgentSees(Caller caller, ObjectCommand command) {
        if (exists && caller.role() == Role.AGENT && !caller.node().equals(spec.nodeName())) {
            throw new ObjectNotFoundException(command.key());
        }
    }

    private static List<String> addressesOf(PodStatus status) {
        return status == null || status.podIPs() == null
                ? List.of()
                : status.podIPs().stream().map(PodIP::ip).toList();
    }

    /** Records the pod's new state, if anything changed; the generation counts spec changes. */
    private void record(
            String namespace,
            String name,
            Map<String, String> newLabels,
            Map<String, String> newAnnotations,
            PodSpec newSpec,
            PodStatus newStatus) {
        boolean specChanged = !Objects.equals(newSpec, spec);
        if (specChanged
                || !Objects.equals(newStatus, status)
                || !newLabels.equals(labels)
                || !newAnnotations.equals(annotations)) {
            apply(new PodUpdated(
                    namespace,
                    name,
                    uid,
                    newLabels,
                    newAnnotations,
                    newSpec,
                    newStatus,
                    specChanged ? generation + 1 : generation));
        }
    }

    @CommandHandler
    public long handle(DeletePod command, Caller caller, NamespaceOccupancy namespaces, PodAddresses addresses) {
        requireAgentSees(caller, command);
        ChangePreconditions.check(command, caller, exists, ownerTenant(namespaces), uid, version);
        namespaces.release(command.namespace());
        addresses.release(command.namespace(), command.name());
        apply(new PodDeleted(command.namespace(), command.name(), uid));
        return version;
    }

    /** The tenant owning the pod's namespace (which exists while the pod does), locked until commit. */
    private String ownerTenant(NamespaceOccupancy namespaces) {
        return exists ? namespaces.ownerOf(namespace) : null;
    }

    @EventSourcingHandler
    void on(PodCreated event, @SequenceNumber long sequence) {
        streamId = ObjectKey.pod(event.namespace(), event.name()).aggregateId();
        exists = true;
        namespace = event.namespace();
        uid = event.uid();
        labels = event.labels();
        annotations = event.annotations();
        spec = event.spec();
        status = event.status();
        generation = 1;
        version = sequence;
    }

    @EventSourcingHandler
    void on(PodUpdated event, @SequenceNumber long sequence) {
        labels = event.labels();
        annotations = event.annotations();
        spec = event.spec();
        status = event.status();
        generation = event.generation();
        version = sequence;
    }

    @EventSourcingHandler
    void on(PodDeleted event, @SequenceNumber long sequence) {
        exists = false;
        version = sequence;
    }
}
