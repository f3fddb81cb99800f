package io.policyledger.command.write;

import io.policyledger.eventstore.DryRunEventStore;
import jakarta.annotation.PostConstruct;
import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.stereotype.Component;

/**
 * Runs a command marked as a dry run for real (loading, access rules, validation, the checks in lookup
 * tables), then undoes it: its unit of work is marked so that the event store hands the events back
 * instead of storing them ({@link DryRunEventStore}), and the unit of work, with its database
 * transaction, rolls back. So a dry run refuses exactly what the write would refuse, and stores nothing.
 */
@Component
class DryRun {

    static final String METADATA_KEY = "dryRun";

    private final CommandBus commandBus;

    DryRun(CommandBus commandBus) {
        this.commandBus = commandBus;
    }

    @PostConstruct
    void register() {
        commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (!Boolean.TRUE.equals(unitOfWork.getMessage().getMetaData().get(METADATA_KEY))) {
                return chain.proceed();
            }
            unitOfWork.root().resources().put(DryRunEventStore.MARK, true);
            Object result = chain.proceed();
            // Registered after the handler ran, so it runs after the event store's own preparation: it
            // only ends dry runs that produced no events (which the event store never sees).
            unitOfWork.onPrepareCommit(u -> {
                throw new DryRunEventStore.Outcome(List.of());
            });
            return result;
        });
    }
}
