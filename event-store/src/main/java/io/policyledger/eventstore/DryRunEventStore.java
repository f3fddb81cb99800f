package io.policyledger.eventstore;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The event store, except that a unit of work marked as a dry run never appends: when it is about to
 * store its events they are handed back in a {@link Outcome}, and the unit of work (with its database
 * transaction) rolls back. Nothing is written, not even a sequence value.
 */
public class DryRunEventStore extends EmbeddedEventStore {

    /** The resource that marks a (root) unit of work as a dry run. */
    public static final String MARK = DryRunEventStore.class.getName() + ".dryRun";

    /** How a dry run ends: with the payloads of the events it would have stored (maybe none). */
    public static final class Outcome extends RuntimeException {
        private final transient List<Object> events;

        public Outcome(List<Object> events) {
            super("dry run: nothing stored", null, false, false);
            this.events = List.copyOf(events);
        }

        public List<Object> events() {
            return events;
        }
    }

    DryRunEventStore(EmbeddedEventStore.Builder builder) {
        super(builder);
    }

    /**
     * Wakes this instance's tailing readers (the projections) to look for new events now. Needed after a
     * transaction that committed events on behalf of several units of work: each of them announced its
     * events when it finished, which was before the transaction holding them committed.
     */
    public void wakeReaders() {
        afterCommit(List.of());
    }

    @Override
    protected void prepareCommit(List<? extends EventMessage<?>> events) {
        if (CurrentUnitOfWork.isStarted()
                && Boolean.TRUE.equals(CurrentUnitOfWork.get().root().getResource(MARK))) {
            throw new Outcome(events.stream().map(e -> (Object) e.getPayload()).toList());
        }
        super.prepareCommit(events);
    }
}
