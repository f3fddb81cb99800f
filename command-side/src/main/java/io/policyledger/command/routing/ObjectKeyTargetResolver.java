package io.policyledger.command.routing;

import io.policyledger.core.object.ObjectCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * Routes an {@link ObjectCommand} to the event stream of the object it names. Commands live in core and
 * carry no Axon annotations; this is the one place that knows how they map onto aggregates. No version
 * is passed on: the aggregates compare expected versions themselves, so a mismatch reads as a
 * Kubernetes conflict rather than an Axon exception.
 */
@Component
public class ObjectKeyTargetResolver implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof ObjectCommand objectCommand) {
            return new VersionedAggregateIdentifier(objectCommand.key().aggregateId(), null);
        }
        throw new IllegalArgumentException(command.getPayloadType().getName()
                + " is not an ObjectCommand. It does not identify the target aggregate.");
    }
}
