package io.policyledger.command.pod;

import static io.policyledger.command.Callers.ADMIN_A;
import static io.policyledger.command.Callers.ADMIN_B;
import static io.policyledger.command.Callers.AGENT_N1;
import static io.policyledger.command.Callers.PLATFORM;
import static io.policyledger.command.Callers.VIEWER_A;
import static io.policyledger.command.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.command.FixedPlatformReservations;
import io.policyledger.command.InMemoryNamespaceOccupancy;
import io.policyledger.command.InMemoryPodAddresses;
import io.policyledger.command.routing.ObjectKeyTargetResolver;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectForbiddenException;
import io.policyledger.core.object.ObjectNotFoundException;
import io.policyledger.core.pod.Container;
import io.policyledger.core.pod.ContainerPort;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PodAggregateTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Map<String, String> WEB = Map.of("app", "web");
    private static final PodSpec SPEC =
            new PodSpec("n1", List.of(new Container("web", "nginx", List.of(new ContainerPort("http", 80, "TCP")))));
    private static final PodStatus IP = new PodStatus("10.0.0.7", List.of(new PodIP("10.0.0.7")));

    private AggregateTestFixture<PodAggregate> fixture;
    private InMemoryNamespaceOccupancy occupancy;
    private InMemoryPodAddresses addresses;

    @BeforeEach
    void setUp() {
        occupancy = new InMemoryNamespaceOccupancy().withNamespace("x", "a", 0);
        fixture = new AggregateTestFixture<>(PodAggregate.class);
        fixture.registerCommandTargetResolver(new ObjectKeyTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(occupancy);
        fixture.registerInjectableResource(new FixedPlatformReservations("platform.example/zone"));
        addresses = new InMemoryPodAddresses();
        fixture.registerInjectableResource(addresses);
    }

    private static PodCreated created() {
        return new PodCreated("x", "a", "uid-1", WEB, Map.of(), SPEC, IP, NOW);
    }

    @Test
    void creatingAPodInAnExistingNamespaceRecordsItAndCountsIt() {
        occupancy.withNamespace("x", "a", 0);
        fixture.givenNoPriorActivity()
                .when(new CreatePod("x", "a", "uid-1", WEB, Map.of(), SPEC, IP), as(AGENT_N1))
                .expectEvents(created())
                .expectResultMessagePayload(0L);
        assertThat(occupancy.objectsIn("x")).isEqualTo(1);
    }

    @Test
    void creatingAPodInAMissingNamespaceIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new CreatePod("nope", "a", "uid-1", WEB, Map.of(), SPEC, IP), as(ADMIN_A))
                .expectException(ObjectNotFoundException.class)
                .expectExceptionMessage("namespaces \"nope\" not found")
                .expectNoEvents();
    }

    @Test
    void creatingAnExistingPodIsRefusedAsAlreadyExisting() {
        occupancy.withNamespace("x", "a", 1);
        fixture.given(created())
                .when(new CreatePod("x", "a", "uid-2", WEB, Map.of(), SPEC, IP), as(ADMIN_A))
                .expectException(ObjectAlreadyExistsException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedPodCanBeCreatedAgain() {
        occupancy.withNamespace("x", "a", 0);
        fixture.given(created(), new PodDeleted("x", "a", "uid-1"))
                .when(new CreatePod("x", "a", "uid-2", Map.of(), Map.of(), SPEC, PodStatus.NONE), as(ADMIN_A))
                .expectEvents(new PodCreated("x", "a", "uid-2", Map.of(), Map.of(), SPEC, PodStatus.NONE, NOW))
                .expectResultMessagePayload(2L);
    }

    @Test
    void changingOnlyLabelsKeepsTheGeneration() {
        fixture.given(created())
                .when(new UpdatePod("x", "a", Map.of("app", "db"), Map.of(), SPEC, null, 0L), as(ADMIN_A))
                .expectEvents(new PodUpdated("x", "a", "uid-1", Map.of("app", "db"), Map.of(), SPEC, IP, 1))
                .expectResultMessagePayload(1L);
    }

    @Test
    void changingTheSpecBumpsTheGeneration() {
        PodSpec morePorts = new PodSpec(
                "n1",
                List.of(new Container(
                        "web",
                        "nginx",
                        List.of(new ContainerPort("http", 80, "TCP"), new ContainerPort("https", 443, "TCP")))));
        fixture.given(created())
                .when(new UpdatePod("x", "a", WEB, Map.of(), morePorts, "uid-1", null), as(ADMIN_A))
                .expectEvents(new PodUpdated("x", "a", "uid-1", WEB, Map.of(), morePorts, IP, 2));
    }

    @Test
    void onlyThePlatformMovesAPodToAnotherNode() {
        PodSpec moved = new PodSpec("n2", SPEC.containers());
        fixture.given(created())
                .when(new UpdatePod("x", "a", WEB, Map.of(), moved, null, null), as(ADMIN_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
        fixture.given(created())
                .when(new UpdatePod("x", "a", WEB, Map.of(), moved, null, null), as(PLATFORM))
                .expectEvents(new PodUpdated("x", "a", "uid-1", WEB, Map.of(), moved, IP, 2));
    }

    @Test
    void aTenantCreatesPodsButOnlyTheNodesAgentRegistersTheirAddresses() {
        fixture.givenNoPriorActivity()
                .when(new CreatePod("x", "a", "uid-1", WEB, Map.of(), SPEC, IP), as(ADMIN_A))
                .expectException(ObjectForbiddenException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("registered by the agent"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreatePod("x", "a", "uid-1", WEB, Map.of(), SPEC, PodStatus.NONE), as(ADMIN_A))
                .expectSuccessfulHandlerExecution();
        fixture.given(new PodCreated("x", "a", "uid-1", WEB, Map.of(), SPEC, PodStatus.NONE, NOW))
                .when(new UpdatePodStatus("x", "a", IP, null, null), as(ADMIN_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void twoPodsCannotHoldTheSameAddress() {
        addresses.assign("x", "other", List.of("10.0.0.7"));
        fixture.givenNoPriorActivity()
                .when(new CreatePod("x", "a", "uid-1", WEB, Map.of(), SPEC, IP), as(AGENT_N1))
                .expectException(ObjectConflictException.class)
                .expectExceptionMessage("address 10.0.0.7 is already registered to another pod")
                .expectNoEvents();
    }

    @Test
    void anUpdateThatChangesNothingRecordsNothing() {
        fixture.given(created())
                .when(new UpdatePod("x", "a", WEB, Map.of(), SPEC, null, null), as(ADMIN_A))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anUpdateBasedOnAStaleVersionIsAConflict() {
        fixture.given(created(), new PodUpdated("x", "a", "uid-1", Map.of(), Map.of(), SPEC, IP, 1))
                .when(new UpdatePod("x", "a", WEB, Map.of(), SPEC, null, 0L), as(ADMIN_A))
                .expectException(ObjectConflictException.class)
                .expectNoEvents();
    }

    @Test
    void anUpdateExpectingAnotherUidIsAConflict() {
        fixture.given(created())
                .when(new UpdatePod("x", "a", WEB, Map.of(), SPEC, "uid-0", null), as(ADMIN_A))
                .expectException(ObjectConflictException.class)
                .expectNoEvents();
    }

    @Test
    void updatingADeletedPodIsNotFound() {
        fixture.given(created(), new PodDeleted("x", "a", "uid-1"))
                .when(new UpdatePod("x", "a", WEB, Map.of(), SPEC, null, null), as(ADMIN_A))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void updatingAPodThatNeverExistedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new UpdatePod("x", "a", WEB, Map.of(), SPEC, null, null), as(ADMIN_A))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aStatusUpdateChangesOnlyTheAddresses() {
        PodStatus moved = new PodStatus("10.0.0.8", List.of(new PodIP("10.0.0.8")));
        fixture.given(created())
                .when(new UpdatePodStatus("x", "a", moved, null, 0L), as(AGENT_N1))
                .expectEvents(new PodUpdated("x", "a", "uid-1", WEB, Map.of(), SPEC, moved, 1));
    }

    @Test
    void aPodOnAnotherNodeDoesNotExistForAnAgent() {
        fixture.given(new PodCreated("x", "a", "uid-1", WEB, Map.of(), new PodSpec("n2", SPEC.containers()), IP, NOW))
                .when(new UpdatePodStatus("x", "a", PodStatus.NONE, "wrong-uid", null), as(AGENT_N1))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void deletingAPodRecordsItAndReleasesItsPlaceInTheNamespace() {
        occupancy.withNamespace("x", "a", 1);
        fixture.given(created())
                .when(new DeletePod("x", "a", "uid-1", 0L), as(ADMIN_A))
                .expectEvents(new PodDeleted("x", "a", "uid-1"))
                .expectResultMessagePayload(1L);
        assertThat(occupancy.objectsIn("x")).isZero();
    }

    @Test
    void deletingWithAStaleVersionIsAConflictAndKeepsThePod() {
        occupancy.withNamespace("x", "a", 1);
        fixture.given(created(), new PodUpdated("x", "a", "uid-1", Map.of(), Map.of(), SPEC, IP, 1))
                .when(new DeletePod("x", "a", null, 0L), as(ADMIN_A))
                .expectException(ObjectConflictException.class)
                .expectNoEvents();
        assertThat(occupancy.objectsIn("x")).isEqualTo(1);
    }

    @Test
    void deletingTwiceIsNotFound() {
        fixture.given(created(), new PodDeleted("x", "a", "uid-1"))
                .when(new DeletePod("x", "a", null, null), as(ADMIN_A))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void anAgentRegistersPodsOnItsOwnNode() {
        occupancy.withNamespace("x", "a", 0);
        fixture.givenNoPriorActivity()
                .when(new CreatePod("x", "a", "uid-1", WEB, Map.of(), SPEC, IP), as(AGENT_N1))
                .expectEvents(created());
    }

    @Test
    void anAgentCannotRegisterAPodOnAnotherNode() {
        occupancy.withNamespace("x", "a", 0);
        fixture.givenNoPriorActivity()
                .when(
                        new CreatePod("x", "a", "uid-1", WEB, Map.of(), new PodSpec("n2", SPEC.containers()), IP),
                        as(AGENT_N1))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void anAgentCannotMoveItsPodToAnotherNode() {
        fixture.given(created())
                .when(
                        new UpdatePod("x", "a", WEB, Map.of(), new PodSpec("n2", SPEC.containers()), null, null),
                        as(AGENT_N1))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void anAgentCannotTouchAPodOfAnotherNode() {
        fixture.given(new PodCreated("x", "a", "uid-1", WEB, Map.of(), new PodSpec("n2", SPEC.containers()), IP, NOW))
                .when(new DeletePod("x", "a", null, null), as(AGENT_N1))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void anotherTenantCannotSeeThePodToChangeOrDeleteIt() {
        occupancy.withNamespace("x", "a", 1);
        fixture.given(created())
                .when(new DeletePod("x", "a", null, null), as(ADMIN_B))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
        fixture.given(created())
                .when(new UpdatePod("x", "a", Map.of(), Map.of(), SPEC, null, null), as(ADMIN_B))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void anotherTenantCannotCreateAPodInTheNamespace() {
        occupancy.withNamespace("x", "a", 0);
        fixture.givenNoPriorActivity()
                .when(new CreatePod("x", "a", "uid-1", WEB, Map.of(), SPEC, IP), as(ADMIN_B))
                .expectException(ObjectNotFoundException.class)
                .expectExceptionMessage("namespaces \"x\" not found")
                .expectNoEvents();
    }

    @Test
    void aViewerCannotCreateOrChangePods() {
        occupancy.withNamespace("x", "a", 1);
        fixture.givenNoPriorActivity()
                .when(new CreatePod("x", "a", "uid-1", WEB, Map.of(), SPEC, IP), as(VIEWER_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
        fixture.given(created())
                .when(new UpdatePod("x", "a", Map.of(), Map.of(), SPEC, null, null), as(VIEWER_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void onlyThePlatformMaySetOrChangeAProtectedPodLabel() {
        fixture.given(created())
                .when(
                        new UpdatePod("x", "a", Map.of("platform.example/zone", "dmz"), Map.of(), SPEC, null, null),
                        as(ADMIN_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
        fixture.given(created())
                .when(
                        new UpdatePod("x", "a", Map.of("platform.example/zone", "dmz"), Map.of(), SPEC, null, null),
                        as(PLATFORM))
                .expectSuccessfulHandlerExecution();
    }
}
