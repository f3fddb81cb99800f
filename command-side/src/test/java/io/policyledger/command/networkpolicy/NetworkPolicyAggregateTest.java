package io.policyledger.command.networkpolicy;

import static io.policyledger.command.Callers.ADMIN_A;
import static io.policyledger.command.Callers.ADMIN_B;
import static io.policyledger.command.Callers.AGENT_N1;
import static io.policyledger.command.Callers.VIEWER_A;
import static io.policyledger.command.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.command.InMemoryNamespaceOccupancy;
import io.policyledger.command.routing.ObjectKeyTargetResolver;
import io.policyledger.core.networkpolicy.CreateNetworkPolicy;
import io.policyledger.core.networkpolicy.DeleteNetworkPolicy;
import io.policyledger.core.networkpolicy.IntOrString;
import io.policyledger.core.networkpolicy.NetworkPolicyCreated;
import io.policyledger.core.networkpolicy.NetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.NetworkPolicyIngressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyPeer;
import io.policyledger.core.networkpolicy.NetworkPolicyPort;
import io.policyledger.core.networkpolicy.NetworkPolicyReplaced;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.networkpolicy.ReplaceNetworkPolicy;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectForbiddenException;
import io.policyledger.core.object.ObjectNotFoundException;
import io.policyledger.core.selector.LabelSelector;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkPolicyAggregateTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final LabelSelector WEB = new LabelSelector(Map.of("app", "web"), null);
    /** As sent: no protocol, no policyTypes. */
    private static final NetworkPolicySpec ALLOW_WEB_FROM_WEB = new NetworkPolicySpec(
            WEB,
            List.of(new NetworkPolicyIngressRule(
                    List.of(new NetworkPolicyPort(null, IntOrString.of(80), null)),
                    List.of(new NetworkPolicyPeer(WEB, null, null)))),
            null,
            null);
    /** As stored: Kubernetes defaults applied. */
    private static final NetworkPolicySpec ALLOW_WEB_FROM_WEB_DEFAULTED = new NetworkPolicySpec(
            WEB,
            List.of(new NetworkPolicyIngressRule(
                    List.of(new NetworkPolicyPort("TCP", IntOrString.of(80), null)),
                    List.of(new NetworkPolicyPeer(WEB, null, null)))),
            null,
            List.of("Ingress"));

    private static final NetworkPolicySpec DENY_ALL =
            new NetworkPolicySpec(LabelSelector.EVERYTHING, List.of(), null, List.of("Ingress"));

    private AggregateTestFixture<NetworkPolicyAggregate> fixture;
    private InMemoryNamespaceOccupancy occupancy;

    @BeforeEach
    void setUp() {
        occupancy = new InMemoryNamespaceOccupancy().withNamespace("x", "a", 0);
        fixture = new AggregateTestFixture<>(NetworkPolicyAggregate.class);
        fixture.registerCommandTargetResolver(new ObjectKeyTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(occupancy);
    }

    private static NetworkPolicyCreated created() {
        return new NetworkPolicyCreated("x", "p", "uid-1", Map.of(), Map.of(), ALLOW_WEB_FROM_WEB_DEFAULTED, NOW);
    }

    @Test
    void creatingAPolicyStoresTheSpecWithKubernetesDefaults() {
        occupancy.withNamespace("x", "a", 0);
        fixture.givenNoPriorActivity()
                .when(new CreateNetworkPolicy("x", "p", "uid-1", Map.of(), Map.of(), ALLOW_WEB_FROM_WEB), as(ADMIN_A))
                .expectEvents(created())
                .expectResultMessagePayload(0L);
        assertThat(occupancy.objectsIn("x")).isEqualTo(1);
    }

    @Test
    void creatingAPolicyInAMissingNamespaceIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new CreateNetworkPolicy("nope", "p", "uid-1", Map.of(), Map.of(), DENY_ALL), as(ADMIN_A))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void creatingAnExistingPolicyIsRefusedAsAlreadyExisting() {
        occupancy.withNamespace("x", "a", 1);
        fixture.given(created())
                .when(new CreateNetworkPolicy("x", "p", "uid-2", Map.of(), Map.of(), DENY_ALL), as(ADMIN_A))
                .expectException(ObjectAlreadyExistsException.class)
                .expectNoEvents();
    }

    @Test
    void replacingTheSpecStoresTheWholeNewSpecAndBumpsTheGeneration() {
        fixture.given(created())
                .when(new ReplaceNetworkPolicy("x", "p", Map.of(), Map.of(), DENY_ALL, null, 0L), as(ADMIN_A))
                .expectEvents(new NetworkPolicyReplaced("x", "p", "uid-1", Map.of(), Map.of(), DENY_ALL, 2))
                .expectResultMessagePayload(1L);
    }

    @Test
    void replacingOnlyLabelsKeepsTheGeneration() {
        fixture.given(created())
                .when(
                        new ReplaceNetworkPolicy(
                                "x", "p", Map.of("tier", "1"), Map.of(), ALLOW_WEB_FROM_WEB, null, null),
                        as(ADMIN_A))
                .expectEvents(new NetworkPolicyReplaced(
                        "x", "p", "uid-1", Map.of("tier", "1"), Map.of(), ALLOW_WEB_FROM_WEB_DEFAULTED, 1));
    }

    @Test
    void aReplaceWithTheSameContentRecordsNothing() {
        fixture.given(created())
                .when(new ReplaceNetworkPolicy("x", "p", Map.of(), Map.of(), ALLOW_WEB_FROM_WEB, null, 0L), as(ADMIN_A))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReplaceBasedOnAStaleVersionIsAConflict() {
        fixture.given(created(), new NetworkPolicyReplaced("x", "p", "uid-1", Map.of(), Map.of(), DENY_ALL, 2))
                .when(new ReplaceNetworkPolicy("x", "p", Map.of(), Map.of(), ALLOW_WEB_FROM_WEB, null, 0L), as(ADMIN_A))
                .expectException(ObjectConflictException.class)
                .expectNoEvents();
    }

    @Test
    void aReplaceExpectingAnotherUidIsAConflict() {
        fixture.given(created())
                .when(new ReplaceNetworkPolicy("x", "p", Map.of(), Map.of(), DENY_ALL, "uid-9", null), as(ADMIN_A))
                .expectException(ObjectConflictException.class)
                .expectNoEvents();
    }

    @Test
    void replacingADeletedPolicyIsNotFound() {
        fixture.given(created(), new NetworkPolicyDeleted("x", "p", "uid-1"))
                .when(new ReplaceNetworkPolicy("x", "p", Map.of(), Map.of(), DENY_ALL, null, null), as(ADMIN_A))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void replacingAPolicyThatNeverExistedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ReplaceNetworkPolicy("x", "p", Map.of(), Map.of(), DENY_ALL, null, null), as(ADMIN_A))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void deletingAPolicyRecordsItAndReleasesItsPlace() {
        occupancy.withNamespace("x", "a", 1);
        fixture.given(created())
                .when(new DeleteNetworkPolicy("x", "p", null, null), as(ADMIN_A))
                .expectEvents(new NetworkPolicyDeleted("x", "p", "uid-1"));
        assertThat(occupancy.objectsIn("x")).isZero();
    }

    @Test
    void deletingWithAStaleVersionIsAConflict() {
        occupancy.withNamespace("x", "a", 1);
        fixture.given(created(), new NetworkPolicyReplaced("x", "p", "uid-1", Map.of(), Map.of(), DENY_ALL, 2))
                .when(new DeleteNetworkPolicy("x", "p", null, 0L), as(ADMIN_A))
                .expectException(ObjectConflictException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedPolicyCanBeCreatedAgain() {
        occupancy.withNamespace("x", "a", 0);
        fixture.given(created(), new NetworkPolicyDeleted("x", "p", "uid-1"))
                .when(new CreateNetworkPolicy("x", "p", "uid-2", Map.of(), Map.of(), DENY_ALL), as(ADMIN_A))
                .expectEvents(new NetworkPolicyCreated("x", "p", "uid-2", Map.of(), Map.of(), DENY_ALL, NOW))
                .expectResultMessagePayload(2L);
    }

    @Test
    void agentsAndViewersCannotWritePolicies() {
        occupancy.withNamespace("x", "a", 0);
        fixture.givenNoPriorActivity()
                .when(new CreateNetworkPolicy("x", "p", "uid-1", Map.of(), Map.of(), DENY_ALL), as(AGENT_N1))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
        fixture.given(created())
                .when(new ReplaceNetworkPolicy("x", "p", Map.of(), Map.of(), DENY_ALL, null, null), as(VIEWER_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void anotherTenantCannotSeeThePolicyToReplaceOrDeleteIt() {
        occupancy.withNamespace("x", "a", 1);
        fixture.given(created())
                .when(new ReplaceNetworkPolicy("x", "p", Map.of(), Map.of(), DENY_ALL, null, null), as(ADMIN_B))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
        fixture.given(created())
                .when(new DeleteNetworkPolicy("x", "p", null, null), as(ADMIN_B))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }
}
