package io.policyledger.command.write;

import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectNotFoundException;
import io.policyledger.eventstore.CallerMetadata;
import io.policyledger.eventstore.DryRunEventStore;
import io.policyledger.eventstore.EventAttribution;
import io.policyledger.eventstore.EventLog;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The write path as callers see it: send a command with its attribution, get back the object's new
 * version and resourceVersion, or one of core's rejections. Axon's exceptions stop here.
 *
 * <p>A resourceVersion is the global index of an object's last event; aggregates compare stream
 * versions (sequence numbers). Both directions of that translation are plain look-ups in
 * {@code domain_event_entry}, whose rows never change.
 */
@Component
public class ObjectWriter {

    private final CommandGateway commandGateway;
    private final GroupCommit groupCommit;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ObjectWriter(CommandGateway commandGateway, GroupCommit groupCommit, JdbcTemplate jdbc, Clock clock) {
        this.commandGateway = commandGateway;
        this.groupCommit = groupCommit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How often an unconditional change is retried when another instance changed the object meanwhile. */
    private static final int UNCONDITIONAL_ATTEMPTS = 5;

    public Written submit(ObjectCommand command, Attribution attribution) {
        for (int attempt = 1; ; attempt++) {
            try {
                return submitOnce(command, attribution);
            } catch (ObjectConflictException conflict) {
                // A change without a resourceVersion never conflicts (as in Kubernetes): the only conflict
                // it can meet is another instance appending to the same stream between our load and our
                // append; loading again and re-deciding is then exactly what the client asked for.
                boolean unconditional = !command.isCreation()
                        && command.expectedVersion() == null
                        && conflict.getCause() instanceof ConcurrencyException;
                if (!unconditional || attempt >= UNCONDITIONAL_ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

    /**
     * Decides the command as {@link #submit} would, refusing what it would refuse, but stores nothing:
     * answers the events the write would have stored (none if it would change nothing).
     */
    public List<Object> dryRun(ObjectCommand command, Attribution attribution) {
        try {
            submitOnce(command, attribution, true);
        } catch (DryRunEventStore.Outcome outcome) {
            return outcome.events();
        }
        throw new IllegalStateException("a dry run of " + command.key() + " was not stopped before storing");
    }

    private Written submitOnce(ObjectCommand command, Attribution attribution) {
        return submitOnce(command, attribution, false);
    }

    private Written submitOnce(ObjectCommand command, Attribution attribution, boolean dryRun) {
        MetaData metaData = MetaData.from(CallerMetadata.of(attribution.caller()))
                .and(EventAttribution.REQUEST_ID, attribution.requestId())
                .and(EventAttribution.SOURCE, attribution.source())
                .and(EventAttribution.TIME, clock.instant().toString());
        if (dryRun) {
            metaData = metaData.and(DryRun.METADATA_KEY, true);
        }
        long version;
        try {
            CommandMessage<?> message =
                    GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
            // A dry run stores nothing: it needs no commit, and runs on the caller's thread.
            Object result = dryRun ? commandGateway.sendAndWait(message) : groupCommit.submit(message);
            version = (Long) result;
        } catch (AggregateNotFoundException e) {
            throw new ObjectNotFoundException(command.key());
        } catch (AggregateStreamCreationException e) {
            // Another writer created the same new object first.
            throw new ObjectAlreadyExistsException(command.key());
        } catch (ConcurrencyException e) {
            // Another instance appended to the same stream between our read and our write.
            if (command.isCreation()) {
                throw new ObjectAlreadyExistsException(command.key());
            }
            ObjectConflictException conflict = ObjectConflictException.staleVersion(command.key());
            conflict.initCause(e);
            throw conflict;
        }
        return new Written(command.key(), version, resourceVersionOf(command.key(), version));
    }

    /**
     * The stream version an object had when it was at {@code resourceVersion}, or empty if that
     * resourceVersion is not one of this object's events (then a change based on it is a conflict).
     */
    public OptionalLong versionAt(ObjectKey key, long resourceVersion) {
        List<Long> found = jdbc.queryForList(
                "SELECT sequence_number FROM domain_event_entry WHERE global_index = ? AND aggregate_identifier = ?",
                Long.class,
                resourceVersion,
                key.aggregateId());
        return found.isEmpty() ? OptionalLong.empty() : OptionalLong.of(found.get(0));
    }

    /** The resourceVersion of the object's newest event, if it has any. */
    public OptionalLong latestResourceVersion(ObjectKey key) {
        Long latest = jdbc.queryForObject(
                "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                key.aggregateId());
        return latest == null ? OptionalLong.empty() : OptionalLong.of(latest);
    }

    /** The newest resourceVersion of the whole log (0 when empty). */
    public long newestResourceVersion() {
        return new EventLog(jdbc).head();
    }

    private long resourceVersionOf(ObjectKey key, long version) {
        return jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                Long.class,
                key.aggregateId(),
                version);
    }
}
