package io.policyledger.command.networkpolicy;

import io.policyledger.command.ChangePreconditions;
import io.policyledger.command.occupancy.NamespaceOccupancy;
import io.policyledger.core.access.Caller;
import io.policyledger.core.access.CommandAuthorization;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectCommand;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * What the event streams of both policy formats (v1 and the 2016 v1alpha1) decide alike: a policy lives
 * in an existing namespace and holds it while it exists; a replace stores the whole new spec (the policy
 * becomes exactly what was sent, never a merge with what it was) and bumps the generation only when the
 * spec changed; a change that changes nothing records nothing. Each format's aggregate handles its own
 * commands and events and asks this for the decisions.
 *
 * @param <S> the format's spec
 */
abstract class PolicyStream<S> {

    @AggregateIdentifier
    protected String streamId;

    protected boolean exists;
    protected String namespace;
    protected String uid;
    protected Map<String, String> labels;
    protected Map<String, String> annotations;
    protected S spec;
    protected long generation;
    protected long version;

    /** Checks a creation: the namespace exists (and now holds one more object), the caller may write, the name is free. */
    protected void admitCreation(
            ObjectCommand command, String commandNamespace, Caller caller, NamespaceOccupancy namespaces) {
        namespaces.admit(commandNamespace, caller);
        CommandAuthorization.requireMayWrite(caller, command.key());
        if (exists) {
            throw new ObjectAlreadyExistsException(command.key());
        }
    }

    /** The generation a replace records, or empty if it would change nothing (then nothing is recorded). */
    protected OptionalLong replacement(
            ObjectCommand command,
            Caller caller,
            NamespaceOccupancy namespaces,
            S newSpec,
            Map<String, String> newLabels,
            Map<String, String> newAnnotations) {
        ChangePreconditions.check(command, caller, exists, ownerTenant(namespaces), uid, version);
        boolean specChanged = !newSpec.equals(spec);
        if (!specChanged && newLabels.equals(labels) && newAnnotations.equals(annotations)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(specChanged ? generation + 1 : generation);
    }

    /** Checks a deletion; the namespace holds one object less once it commits. */
    protected void admitDeletion(
            ObjectCommand command, String commandNamespace, Caller caller, NamespaceOccupancy namespaces) {
        ChangePreconditions.check(command, caller, exists, ownerTenant(namespaces), uid, version);
        namespaces.release(commandNamespace);
    }

    protected void created(
            String streamId,
            String namespace,
            String uid,
            Map<String, String> labels,
            Map<String, String> annotations,
            S spec,
            long sequence) {
        this.streamId = streamId;
        this.exists = true;
        this.namespace = namespace;
        this.uid = uid;
        this.labels = labels;
        this.annotations = annotations;
        this.spec = spec;
        this.generation = 1;
        this.version = sequence;
    }

    protected void replaced(
            Map<String, String> labels, Map<String, String> annotations, S spec, long generation, long sequence) {
        this.labels = labels;
        this.annotations = annotations;
        this.spec = spec;
        this.generation = generation;
        this.version = sequence;
    }

    protected void deleted(long sequence) {
        this.exists = false;
        this.version = sequence;
    }

    /** The tenant owning the policy's namespace (which exists while the policy does), locked until commit. */
    private String ownerTenant(NamespaceOccupancy namespaces) {
        return exists ? namespaces.ownerOf(namespace) : null;
    }
}
