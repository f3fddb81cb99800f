package io.policyledger.command.token;

import static io.policyledger.command.Callers.ADMIN_A;
import static io.policyledger.command.Callers.PLATFORM;
import static io.policyledger.command.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.command.InMemoryTenantOccupancy;
import io.policyledger.command.RecordingTokenRegistry;
import io.policyledger.command.routing.ObjectKeyTargetResolver;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectForbiddenException;
import io.policyledger.core.object.ObjectNotFoundException;
import io.policyledger.core.token.IssueToken;
import io.policyledger.core.token.RevokeToken;
import io.policyledger.core.token.TokenIssued;
import io.policyledger.core.token.TokenRevoked;
import io.policyledger.core.validation.InvalidObjectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenAggregateTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);

    private AggregateTestFixture<TokenAggregate> fixture;
    private RecordingTokenRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new RecordingTokenRegistry();
        fixture = new AggregateTestFixture<>(TokenAggregate.class);
        fixture.registerCommandTargetResolver(new ObjectKeyTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new InMemoryTenantOccupancy().withTenant("a", 0));
        fixture.registerInjectableResource(registry);
    }

    private static TokenIssued issued() {
        return new TokenIssued("t1", "tenant-admin", "a", "alice", null, NOW, LATER);
    }

    @Test
    void issuingRegistersTheCredentialAndRecordsItWithoutTheToken() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken("t1", "tenant-admin", "a", "alice", null, LATER), as(PLATFORM))
                .expectEvents(issued());
        assertThat(registry.registered).containsExactly(issued());
    }

    @Test
    void aCredentialForAMissingTenantIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken("t1", "tenant-viewer", "zz", "val", null, LATER), as(PLATFORM))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void anAlreadyExpiredCredentialIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken("t1", "tenant-admin", "a", "alice", null, NOW.minusSeconds(1)), as(PLATFORM))
                .expectException(ObjectConflictException.class)
                .expectNoEvents();
    }

    @Test
    void onlyThePlatformIssuesCredentials() {
        fixture.givenNoPriorActivity()
                .when(new IssueToken("t1", "tenant-admin", "a", "alice", null, LATER), as(ADMIN_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void anAgentCredentialNeedsANodeAndOnlyAgentsHaveOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new IssueToken("t1", "agent", "a", "agent-1", null, LATER))
                .isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("spec.node");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new IssueToken("t1", "tenant-admin", "a", "alice", "n1", LATER))
                .isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("spec.node");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new IssueToken("t1", "root", "a", "alice", null, LATER))
                .isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("spec.role");
    }

    @Test
    void revokingEndsTheCredentialOnce() {
        fixture.given(issued())
                .when(new RevokeToken("t1", "a"), as(PLATFORM))
                .expectEvents(new TokenRevoked("t1", "a"));
        assertThat(registry.revoked).containsExactly("t1");
        fixture.given(issued(), new TokenRevoked("t1", "a"))
                .when(new RevokeToken("t1", "a"), as(PLATFORM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCredentialAddressedUnderAnotherTenantIsNotFound() {
        fixture.given(issued())
                .when(new RevokeToken("t1", "b"), as(PLATFORM))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }
}
