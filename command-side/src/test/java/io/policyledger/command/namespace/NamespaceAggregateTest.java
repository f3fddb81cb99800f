package io.policyledger.command.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.command.InMemoryNamespaceOccupancy;
import io.policyledger.command.routing.ObjectKeyTargetResolver;
import io.policyledger.core.namespace.ChangeNamespaceMetadata;
import io.policyledger.core.namespace.CreateNamespace;
import io.policyledger.core.namespace.DeleteNamespace;
import io.policyledger.core.namespace.NamespaceCreated;
import io.policyledger.core.namespace.NamespaceDeleted;
import io.policyledger.core.namespace.NamespaceMetadataChanged;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NamespaceAggregateTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Map<String, String> TEAM_A = Map.of("team", "a");

    private AggregateTestFixture<NamespaceAggregate> fixture;
    private InMemoryNamespaceOccupancy occupancy;

    @BeforeEach
    void setUp() {
        occupancy = new InMemoryNamespaceOccupancy();
        fixture = new AggregateTestFixture<>(NamespaceAggregate.class);
        fixture.registerCommandTargetResolver(new ObjectKeyTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(occupancy);
    }

    private static NamespaceCreated created() {
        return new NamespaceCreated("x", "uid-1", TEAM_A, Map.of(), NOW);
    }

    @Test
    void creatingANamespaceRecordsItWithTheClocksTimeAndOpensIt() {
        fixture.givenNoPriorActivity()
                .when(new CreateNamespace("x", "uid-1", TEAM_A, Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created())
                .expectResultMessagePayload(0L);
        assertThat(occupancy.objectsIn("x")).isZero();
    }

    @Test
    void creatingAnExistingNamespaceIsRefusedAsAlreadyExisting() {
        occupancy.withNamespace("x", 0);
        fixture.given(created())
                .when(new CreateNamespace("x", "uid-2", Map.of(), Map.of()))
                .expectException(ObjectAlreadyExistsException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedNamespaceCanBeCreatedAgainWithANewUid() {
        fixture.given(created(), new NamespaceDeleted("x", "uid-1"))
                .when(new CreateNamespace("x", "uid-2", Map.of(), Map.of()))
                .expectEvents(new NamespaceCreated("x", "uid-2", Map.of(), Map.of(), NOW))
                .expectResultMessagePayload(2L);
    }

    @Test
    void changingLabelsRecordsTheNewLabelsAndAnnotations() {
        fixture.given(created())
                .when(new ChangeNamespaceMetadata("x", Map.of("team", "b"), Map.of("note", "hi"), null, null))
                .expectEvents(new NamespaceMetadataChanged("x", "uid-1", Map.of("team", "b"), Map.of("note", "hi")))
                .expectResultMessagePayload(1L);
    }

    @Test
    void aChangeThatChangesNothingRecordsNothing() {
        fixture.given(created())
                .when(new ChangeNamespaceMetadata("x", TEAM_A, Map.of(), null, 0L))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void aChangeBasedOnAStaleVersionIsAConflict() {
        fixture.given(created(), new NamespaceMetadataChanged("x", "uid-1", Map.of(), Map.of()))
                .when(new ChangeNamespaceMetadata("x", Map.of("team", "c"), Map.of(), null, 0L))
                .expectException(ObjectConflictException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("the object has been modified"))
                .expectNoEvents();
    }

    @Test
    void aChangeExpectingAnotherUidIsAConflict() {
        fixture.given(created())
                .when(new ChangeNamespaceMetadata("x", Map.of("team", "c"), Map.of(), "uid-other", null))
                .expectException(ObjectConflictException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("Precondition failed"))
                .expectNoEvents();
    }

    @Test
    void changingADeletedNamespaceIsNotFound() {
        fixture.given(created(), new NamespaceDeleted("x", "uid-1"))
                .when(new ChangeNamespaceMetadata("x", Map.of(), Map.of(), null, null))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void changingANamespaceThatNeverExistedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ChangeNamespaceMetadata("x", Map.of(), Map.of(), null, null))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void deletingAnEmptyNamespaceRecordsItAndClosesIt() {
        occupancy.withNamespace("x", 0);
        fixture.given(created())
                .when(new DeleteNamespace("x", null, 0L))
                .expectEvents(new NamespaceDeleted("x", "uid-1"))
                .expectResultMessagePayload(1L);
        assertThat(occupancy.objectsIn("x")).isNull();
    }

    @Test
    void deletingANamespaceThatStillHoldsObjectsIsAConflict() {
        occupancy.withNamespace("x", 2);
        fixture.given(created())
                .when(new DeleteNamespace("x", null, null))
                .expectException(ObjectConflictException.class)
                .expectNoEvents();
        assertThat(occupancy.objectsIn("x")).isEqualTo(2);
    }

    @Test
    void deletingWithAStaleVersionIsAConflict() {
        occupancy.withNamespace("x", 0);
        fixture.given(created(), new NamespaceMetadataChanged("x", "uid-1", Map.of(), Map.of()))
                .when(new DeleteNamespace("x", null, 0L))
                .expectException(ObjectConflictException.class)
                .expectNoEvents();
    }

    @Test
    void deletingTwiceIsNotFound() {
        fixture.given(created(), new NamespaceDeleted("x", "uid-1"))
                .when(new DeleteNamespace("x", null, null))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }
}
