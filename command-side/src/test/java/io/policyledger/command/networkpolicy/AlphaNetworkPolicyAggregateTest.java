package io.policyledger.command.networkpolicy;

import static io.policyledger.command.Callers.ADMIN_A;
import static io.policyledger.command.Callers.ADMIN_B;
import static io.policyledger.command.Callers.VIEWER_A;
import static io.policyledger.command.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.command.InMemoryNamespaceOccupancy;
import io.policyledger.command.routing.ObjectKeyTargetResolver;
import io.policyledger.core.networkpolicy.IntOrString;
import io.policyledger.core.networkpolicy.alpha.AllowIncoming;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyCreated;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyReplaced;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.AlphaPeer;
import io.policyledger.core.networkpolicy.alpha.AlphaPort;
import io.policyledger.core.networkpolicy.alpha.CreateAlphaNetworkPolicy;
import io.policyledger.core.networkpolicy.alpha.DeleteAlphaNetworkPolicy;
import io.policyledger.core.networkpolicy.alpha.ReplaceAlphaNetworkPolicy;
import io.policyledger.core.object.ObjectForbiddenException;
import io.policyledger.core.object.ObjectNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlphaNetworkPolicyAggregateTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final AlphaNetworkPolicySpec DB_FROM_WEB = new AlphaNetworkPolicySpec(
            Map.of("app", "db"),
            new AllowIncoming(
                    List.of(new AlphaPeer(Map.of("app", "web"), null)),
                    List.of(new AlphaPort(IntOrString.of(5432), "TCP"))));
    private static final AlphaNetworkPolicySpec DB_FROM_ANYONE =
            new AlphaNetworkPolicySpec(Map.of("app", "db"), new AllowIncoming(null, null));

    private AggregateTestFixture<AlphaNetworkPolicyAggregate> fixture;
    private InMemoryNamespaceOccupancy occupancy;

    @BeforeEach
    void setUp() {
        occupancy = new InMemoryNamespaceOccupancy().withNamespace("x", "a", 0);
        fixture = new AggregateTestFixture<>(AlphaNetworkPolicyAggregate.class);
        fixture.registerCommandTargetResolver(new ObjectKeyTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(occupancy);
    }

    private static AlphaNetworkPolicyCreated created() {
        return new AlphaNetworkPolicyCreated("x", "p", "uid-1", Map.of(), Map.of(), DB_FROM_WEB, NOW);
    }

    @Test
    void aTenantAdminCreatesOneInItsNamespaceWhichThenHoldsIt() {
        fixture.givenNoPriorActivity()
                .when(new CreateAlphaNetworkPolicy("x", "p", "uid-1", Map.of(), Map.of(), DB_FROM_WEB), as(ADMIN_A))
                .expectEvents(created());
        assertThat(occupancy.objectsIn("x")).isEqualTo(1);
    }

    @Test
    void aReplaceStoresExactlyTheNewSpec() {
        fixture.given(created())
                .when(
                        new ReplaceAlphaNetworkPolicy("x", "p", Map.of(), Map.of(), DB_FROM_ANYONE, null, null),
                        as(ADMIN_A))
                .expectEvents(new AlphaNetworkPolicyReplaced("x", "p", "uid-1", Map.of(), Map.of(), DB_FROM_ANYONE, 2));
    }

    @Test
    void anotherTenantCannotSeeItAndAViewerCannotChangeIt() {
        fixture.given(created())
                .when(new DeleteAlphaNetworkPolicy("x", "p", null, null), as(ADMIN_B))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
        fixture.given(created())
                .when(new DeleteAlphaNetworkPolicy("x", "p", null, null), as(VIEWER_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void deletingItReleasesItsNamespace() {
        occupancy.withNamespace("x", "a", 1);
        fixture.given(created())
                .when(new DeleteAlphaNetworkPolicy("x", "p", null, null), as(ADMIN_A))
                .expectEvents(new AlphaNetworkPolicyDeleted("x", "p", "uid-1"));
        assertThat(occupancy.objectsIn("x")).isEqualTo(0);
    }
}
