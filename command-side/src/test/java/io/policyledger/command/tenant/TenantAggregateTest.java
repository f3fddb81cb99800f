package io.policyledger.command.tenant;

import static io.policyledger.command.Callers.ADMIN_A;
import static io.policyledger.command.Callers.PLATFORM;
import static io.policyledger.command.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.command.InMemoryTenantOccupancy;
import io.policyledger.command.RecordingTokenRegistry;
import io.policyledger.command.routing.ObjectKeyTargetResolver;
import io.policyledger.core.object.ObjectAlreadyExistsException;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectForbiddenException;
import io.policyledger.core.object.ObjectNotFoundException;
import io.policyledger.core.tenant.ChangeTenantMetadata;
import io.policyledger.core.tenant.CreateTenant;
import io.policyledger.core.tenant.DeleteTenant;
import io.policyledger.core.tenant.TenantCreated;
import io.policyledger.core.tenant.TenantDeleted;
import io.policyledger.core.tenant.TenantMetadataChanged;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantAggregateTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private AggregateTestFixture<TenantAggregate> fixture;
    private InMemoryTenantOccupancy tenants;
    private RecordingTokenRegistry tokens;

    @BeforeEach
    void setUp() {
        tenants = new InMemoryTenantOccupancy();
        fixture = new AggregateTestFixture<>(TenantAggregate.class);
        fixture.registerCommandTargetResolver(new ObjectKeyTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(tenants);
        tokens = new RecordingTokenRegistry();
        fixture.registerInjectableResource(tokens);
    }

    private static TenantCreated created() {
        return new TenantCreated("a", "uid-1", Map.of(), Map.of(), NOW);
    }

    @Test
    void thePlatformCreatesATenant() {
        fixture.givenNoPriorActivity()
                .when(new CreateTenant("a", "uid-1", Map.of(), Map.of()), as(PLATFORM))
                .expectEvents(created());
        assertThat(tenants.exists("a")).isTrue();
    }

    @Test
    void aTenantAdminCannotCreateTenants() {
        fixture.givenNoPriorActivity()
                .when(new CreateTenant("c", "uid-1", Map.of(), Map.of()), as(ADMIN_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void creatingAnExistingTenantIsAlreadyExists() {
        tenants.withTenant("a", 0);
        fixture.given(created())
                .when(new CreateTenant("a", "uid-2", Map.of(), Map.of()), as(PLATFORM))
                .expectException(ObjectAlreadyExistsException.class)
                .expectNoEvents();
    }

    @Test
    void relabelingATenantRecordsTheNewLabels() {
        fixture.given(created())
                .when(new ChangeTenantMetadata("a", Map.of("tier", "gold"), Map.of(), null, 0L), as(PLATFORM))
                .expectEvents(new TenantMetadataChanged("a", "uid-1", Map.of("tier", "gold"), Map.of()));
    }

    @Test
    void aTenantOwningNamespacesCannotBeDeleted() {
        tenants.withTenant("a", 3);
        fixture.given(created())
                .when(new DeleteTenant("a", null, null), as(PLATFORM))
                .expectException(ObjectConflictException.class)
                .expectNoEvents();
    }

    @Test
    void anEmptyTenantIsDeletedAndItsCredentialsEndWithIt() {
        tenants.withTenant("a", 0);
        fixture.given(created())
                .when(new DeleteTenant("a", null, null), as(PLATFORM))
                .expectEvents(new TenantDeleted("a", "uid-1"));
        assertThat(tenants.exists("a")).isFalse();
        assertThat(tokens.revokedTenants).containsExactly("a");
    }

    @Test
    void deletingAMissingTenantIsNotFound() {
        fixture.given(created(), new TenantDeleted("a", "uid-1"))
                .when(new DeleteTenant("a", null, null), as(PLATFORM))
                .expectException(ObjectNotFoundException.class)
                .expectNoEvents();
    }
}
