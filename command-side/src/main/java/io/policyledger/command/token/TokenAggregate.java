package io.policyledger.command.token;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.policyledger.command.occupancy.TenantOccupancy;
import io.policyledger.core.access.Caller;
import io.policyledger.core.access.CommandAuthorization;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectNotFoundException;
import io.policyledger.core.token.IssueToken;
import io.policyledger.core.token.RevokeToken;
import io.policyledger.core.token.TokenIssued;
import io.policyledger.core.token.TokenRevoked;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One issued credential: registered when issued, revoked once. The registry table is written in the
 * same transaction, and it is what request authentication consults.
 */
@Aggregate(type = "Token")
public class TokenAggregate {

    @AggregateIdentifier
    private String streamId;

    private boolean issued;
    private boolean revoked;
    private String tenant;
    private long version;

    protected TokenAggregate() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(
            IssueToken command, Caller caller, Clock clock, TenantOccupancy tenants, TokenRegistry registry) {
        CommandAuthorization.requireMayWrite(caller, command.key());
        if (issued) {
            throw new ObjectAlreadyExistsException(command.key());
        }
        Instant now = clock.instant();
        if (!command.expiresAt().isAfter(now)) {
            throw new ObjectConflictException(command.key(), "the expiration time has already passed");
        }
        if (command.tenant() != null && !tenants.exists(command.tenant())) {
            throw new ObjectNotFoundException(ObjectKey.tenant(command.tenant()));
        }
        TokenIssued event = new TokenIssued(
                command.id(),
                command.role(),
                command.tenant(),
                command.subject(),
                command.node(),
                now,
                command.expiresAt());
        registry.register(event);
        apply(event);
        return version;
    }

    @CommandHandler
    public long handle(RevokeToken command, Caller caller, Clock clock, TokenRegistry registry) {
        CommandAuthorization.requireMayWrite(caller, command.key());
        if (!issued || (command.tenant() != null && !Objects.equals(command.tenant(), tenant))) {
            throw new ObjectNotFoundException(command.key());
        }
        if (!revoked) {
            registry.revoke(command.id(), clock.instant());
            apply(new TokenRevoked(command.id(), tenant));
        }
        return version;
    }

    @EventSourcingHandler
    void on(TokenIssued event, @SequenceNumber long sequence) {
        streamId = ObjectKey.token(event.id()).aggregateId();
        issued = true;
        tenant = event.tenant();
        version = sequence;
    }

    @EventSourcingHandler
    void on(TokenRevoked event, @SequenceNumber long sequence) {
        revoked = true;
        version = sequence;
    }
}
