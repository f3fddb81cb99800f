package io.policyledger.command.namespace;

import static io.policyledger.command.Callers.ADMIN_A;
import static io.policyledger.command.Callers.ADMIN_B;
import static io.policyledger.command.Callers.AGENT_N1;
import static io.policyledger.command.Callers.PLATFORM;
import static io.policyledger.command.Callers.VIEWER_A;
import static io.policyledger.command.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.policyledger.command.FixedPlatformReservations;
import io.policyledger.command.InMemoryNamespaceOccupancy;
import io.policyledger.command.InMemoryTenantOccupancy;
import io.policyledger.command.routing.ObjectKeyTargetResolver;
import io.policyledger.core.namespace.ChangeNamespaceMetadata;
import io.policyledger.core.namespace.CreateNamespace;
import io.policyledger.core.namespace.DeleteNamespace;
import io.policyledger.core.namespace.NamespaceCreated;
import io.policyledger.core.namespace.NamespaceDeleted;
import io.policyledger.core.namespace.NamespaceMetadataChanged;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectForbiddenException;
import io.policyledger.core.object.ObjectNotFoundException;
import io.policyledger.core.validation.InvalidObjectException;
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
    private static final Map<String, String> SERVER_LABELS =
            Map.of("kubernetes.io/metadata.name", "x", "policyledger.io/tenant", "a");

    private AggregateTestFixture<NamespaceAggregate> fixture;
    private InMemoryNamespaceOccupancy namespaces;
    private InMemoryTenantOccupancy tenants;

    @BeforeEach
    void setUp() {
        namespaces = new InMemoryNamespaceOccupancy();
        tenants = new InMemoryTenantOccupancy().withTenant("a", 0).withTenant("b", 0);
        fixture = new AggregateTestFixture<>(NamespaceAggregate.class);
        fixture.registerCommandTargetResolver(new ObjectKeyTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(namespaces);
        fixture.registerInjectableResource(tenants);
        fixture.registerInjectableResource(new FixedPlatformReservations("platform.example/zone"));
    }

    private static Map<String, String> labels(String... extra) {
        Map<String, String> out = new java.util.TreeMap<>(SERVER_LABELS);
        for (int i = 0; i < extra.length; i += 2) {
            out.put(extra[i], extra[i + 1]);
        }
        return out;
    }

    private static NamespaceCreated created() {
        return new NamespaceCreated("x", "uid-1", "a", labels("team", "a"), Map.of(), NOW);
    }

    @Test
    void creatingANamespaceRecordsItWithTheServerLabelsAndCountsItForTheTenant() {
        fixture.givenNoPriorActivity()
                .when(new CreateNamespace("x", "uid-1", "a", Map.of("team", "a"), Map.of()), as(ADMIN_A))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created())
                .expectResultMessagePayload(0L);
        assertThat(namespaces.objectsIn("x")).isZero();
        assertThat(namespaces.ownerOf("x")).isEqualTo("a");
        assertThat(tenants.namespacesOf("a")).isEqualTo(1);
    }

    @Test
    void aNamespaceOfAMissingTenantIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new CreateNamespace("x", "uid-1", "nope", Map.of(), Map.of()), as(PLATFORM))
                .expectException(ObjectNotFoundException.class)
                .expectExceptionMessage("tenants.policyledger.io \"nope\" not found")
                .expectNoEvents();
    }

    @Test
    void aTenantAdminCannotCreateANamespaceForAnotherTenant() {
        fixture.givenNoPriorActivity()
                .when(new CreateNamespace("x", "uid-1", "b", Map.of(), Map.of()), as(ADMIN_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void viewersAndAgentsCannotCreateNamespaces() {
        fixture.givenNoPriorActivity()
                .when(new CreateNamespace("x", "uid-1", "a", Map.of(), Map.of()), as(VIEWER_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateNamespace("x", "uid-1", "a", Map.of(), Map.of()), as(AGENT_N1))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void onlyThePlatformMaySetAProtectedLabel() {
        fixture.givenNoPriorActivity()
                .when(
                        new CreateNamespace("x", "uid-1", "a", Map.of("platform.example/zone", "dmz"), Map.of()),
                        as(ADMIN_A))
                .expectException(ObjectForbiddenException.class)
                .expectExceptionMessage(containsString("platform.example/zone is protected"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(
                        new CreateNamespace("x", "uid-1", "a", Map.of("platform.example/zone", "dmz"), Map.of()),
                        as(PLATFORM))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void creatingAnExistingNamespaceIsRefusedAsAlreadyExisting() {
        namespaces.withNamespace("x", "a", 0);
        fixture.given(created())
                .when(new CreateNamespace("x", "uid-2", "a", Map.of(), Map.of()), as(ADMIN_A))
                .expectException(ObjectAlreadyExistsException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedNamespaceCanBeCreatedAgainWithANewUidEvenByAnotherTenant() {
        fixture.given(created(), new NamespaceDeleted("x", "uid-1"))
                .when(new CreateNamespace("x", "uid-2", "b", Map.of(), Map.of()), as(ADMIN_B))
                .expectEvents(new NamespaceCreated(
                        "x",
                        "uid-2",
                        "b",
                        Map.of("kubernetes.io/metadata.name", "x", "policyledger.io/tenant", "b"),
                        Map.of(),
                        NOW))
                .expectResultMessagePayload(2L);
    }

    @Test
    void changingLabelsRecordsTheNewLabelsAndKeepsTheServerLabels() {
        fixture.given(created())
                .when(
                        new ChangeNamespaceMetadata("x", Map.of("team", "b"), Map.of("note", "hi"), null, null),
                        as(ADMIN_A))
                .expectEvents(new NamespaceMetadataChanged("x", "uid-1", labels("team", "b"), Map.of("note", "hi")))
                .expectResultMessagePayload(1L);
    }

    @Test
    void theServerLabelsCannotBeGivenOtherValues() {
        fixture.given(created())
                .when(
                        new ChangeNamespaceMetadata("x", Map.of("policyledger.io/tenant", "b"), Map.of(), null, null),
                        as(PLATFORM))
                .expectException(InvalidObjectException.class)
                .expectExceptionMessage(containsString("may not be changed"))
                .expectNoEvents();
    }

    @Test
    void aTenantAdminCannotRemoveAProtectedLabelThePlatformSet() {
        fixture.given(new NamespaceCreated("x", "uid-1", "a", labels("platform.example/zone", "dmz"), Map.of(), NOW))
                .when(new ChangeNamespaceMetadata("x", Map.of(), Map.of(), null, null), as(ADMIN_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void anotherTenantCannotSeeTheNamespaceToChangeIt() {
        fixture.given(created())
                .when(new ChangeNamespaceMetadata("x", Map.of(), Map.of(), null, null), as(ADMIN_B))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aViewerCannotChangeItsOwnTenantsNamespace() {
        fixture.given(created())
                .when(new ChangeNamespaceMetadata("x", Map.of(), Map.of(), null, null), as(VIEWER_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void aChangeThatChangesNothingRecordsNothing() {
        fixture.given(created())
                .when(new ChangeNamespaceMetadata("x", Map.of("team", "a"), Map.of(), null, 0L), as(ADMIN_A))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void aChangeBasedOnAStaleVersionIsAConflict() {
        fixture.given(created(), new NamespaceMetadataChanged("x", "uid-1", labels(), Map.of()))
                .when(new ChangeNamespaceMetadata("x", Map.of("team", "c"), Map.of(), null, 0L), as(ADMIN_A))
                .expectException(ObjectConflictException.class)
                .expectExceptionMessage(containsString("the object has been modified"))
                .expectNoEvents();
    }

    @Test
    void aChangeExpectingAnotherUidIsAConflict() {
        fixture.given(created())
                .when(new ChangeNamespaceMetadata("x", Map.of("team", "c"), Map.of(), "uid-other", null), as(ADMIN_A))
                .expectException(ObjectConflictException.class)
                .expectExceptionMessage(containsString("Precondition failed"))
                .expectNoEvents();
    }

    @Test
    void changingADeletedNamespaceIsNotFound() {
        fixture.given(created(), new NamespaceDeleted("x", "uid-1"))
                .when(new ChangeNamespaceMetadata("x", Map.of(), Map.of(), null, null), as(PLATFORM))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void changingANamespaceThatNeverExistedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ChangeNamespaceMetadata("x", Map.of(), Map.of(), null, null), as(PLATFORM))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void deletingAnEmptyNamespaceRecordsItAndReleasesItFromItsTenant() {
        namespaces.withNamespace("x", "a", 0);
        tenants.withTenant("a", 1);
        fixture.given(created())
                .when(new DeleteNamespace("x", null, 0L), as(ADMIN_A))
                .expectEvents(new NamespaceDeleted("x", "uid-1"))
                .expectResultMessagePayload(1L);
        assertThat(namespaces.objectsIn("x")).isNull();
        assertThat(tenants.namespacesOf("a")).isZero();
    }

    @Test
    void deletingANamespaceThatStillHoldsObjectsIsAConflict() {
        namespaces.withNamespace("x", "a", 2);
        fixture.given(created())
                .when(new DeleteNamespace("x", null, null), as(ADMIN_A))
                .expectException(ObjectConflictException.class)
                .expectNoEvents();
        assertThat(namespaces.objectsIn("x")).isEqualTo(2);
    }

    @Test
    void anotherTenantCannotDeleteTheNamespace() {
        namespaces.withNamespace("x", "a", 0);
        fixture.given(created())
                .when(new DeleteNamespace("x", null, null), as(ADMIN_B))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void deletingWithAStaleVersionIsAConflict() {
        namespaces.withNamespace("x", "a", 0);
        fixture.given(created(), new NamespaceMetadataChanged("x", "uid-1", labels(), Map.of()))
                .when(new DeleteNamespace("x", null, 0L), as(ADMIN_A))
                .expectException(ObjectConflictException.class)
                .expectNoEvents();
    }

    @Test
    void deletingTwiceIsNotFound() {
        fixture.given(created(), new NamespaceDeleted("x", "uid-1"))
                .when(new DeleteNamespace("x", null, null), as(ADMIN_A))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }
}
