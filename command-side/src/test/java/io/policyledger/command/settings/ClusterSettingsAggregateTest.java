package io.policyledger.command.settings;

import static io.policyledger.command.Callers.ADMIN_A;
import static io.policyledger.command.Callers.PLATFORM;
import static io.policyledger.command.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.policyledger.command.FixedPlatformReservations;
import io.policyledger.command.routing.ObjectKeyTargetResolver;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectForbiddenException;
import io.policyledger.core.settings.ClusterSettingsCreated;
import io.policyledger.core.settings.ClusterSettingsDeleted;
import io.policyledger.core.settings.ClusterSettingsReplaced;
import io.policyledger.core.settings.ClusterSettingsSpec;
import io.policyledger.core.settings.CreateClusterSettings;
import io.policyledger.core.settings.DeleteClusterSettings;
import io.policyledger.core.settings.ReplaceClusterSettings;
import io.policyledger.core.validation.InvalidObjectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterSettingsAggregateTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final ClusterSettingsSpec ZONE = new ClusterSettingsSpec(List.of("platform.example/zone"), null);

    private AggregateTestFixture<ClusterSettingsAggregate> fixture;
    private FixedPlatformReservations keys;
    /** Objects with labels, as "namespaces/x:key" strings, for the usage check. */
    private final List<String> carriers = new ArrayList<>();
    /** Names of existing namespaces, for the reserved-name check. */
    private final List<String> namespaces = new ArrayList<>();

    @BeforeEach
    void setUp() {
        keys = new FixedPlatformReservations();
        fixture = new AggregateTestFixture<>(ClusterSettingsAggregate.class);
        fixture.registerCommandTargetResolver(new ObjectKeyTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(keys);
        fixture.registerInjectableResource(new ReservationUsage() {
            @Override
            public List<String> objectsCarrying(Set<String> protectedKeys, int limit) {
                return carriers.stream()
                        .filter(c -> protectedKeys.stream().anyMatch(c::contains))
                        .toList();
            }

            @Override
            public List<String> namespacesMatching(Set<String> patterns, int limit) {
                return namespaces.stream()
                        .filter(n -> patterns.stream()
                                .anyMatch(p ->
                                        p.endsWith("*") ? n.startsWith(p.substring(0, p.length() - 1)) : n.equals(p)))
                        .map(n -> "namespaces/" + n)
                        .toList();
            }
        });
    }

    @Test
    void declaringProtectedKeysRecordsThemAndProtectsThemAtOnce() {
        fixture.givenNoPriorActivity()
                .when(new CreateClusterSettings("default", "uid-1", Map.of(), Map.of(), ZONE), as(PLATFORM))
                .expectEvents(new ClusterSettingsCreated("default", "uid-1", Map.of(), Map.of(), ZONE, NOW));
        assertThat(keys.protectedLabelKeys()).containsExactly("platform.example/zone");
    }

    @Test
    void aKeyAlreadyCarriedBySomeObjectCannotBecomeProtected() {
        carriers.add("namespaces/b-app:platform.example/zone");
        fixture.givenNoPriorActivity()
                .when(new CreateClusterSettings("default", "uid-1", Map.of(), Map.of(), ZONE), as(PLATFORM))
                .expectException(ObjectConflictException.class)
                .expectExceptionMessage(containsString("namespaces/b-app"))
                .expectNoEvents();
    }

    @Test
    void aNameAlreadyUsedByANamespaceCannotBecomeReserved() {
        namespaces.add("kube-system");
        fixture.givenNoPriorActivity()
                .when(
                        new CreateClusterSettings(
                                "default",
                                "uid-1",
                                Map.of(),
                                Map.of(),
                                new ClusterSettingsSpec(null, List.of("kube-*"))),
                        as(PLATFORM))
                .expectException(ObjectConflictException.class)
                .expectExceptionMessage(containsString("namespaces/kube-system"))
                .expectNoEvents();
    }

    @Test
    void keysAreKeptSortedSoEqualSettingsAreEqualEvents() {
        CreateClusterSettings command = new CreateClusterSettings(
                "default",
                "u",
                Map.of(),
                Map.of(),
                new ClusterSettingsSpec(List.of("b.example/x", "a.example/y"), null));
        assertThat(command.spec().protectedLabelKeys()).containsExactly("a.example/y", "b.example/x");
    }

    @Test
    void onlyThePlatformChangesSettings() {
        fixture.given(new ClusterSettingsCreated("default", "uid-1", Map.of(), Map.of(), ZONE, NOW))
                .when(
                        new ReplaceClusterSettings("default", Map.of(), Map.of(), ClusterSettingsSpec.NONE, null, null),
                        as(ADMIN_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void replacingSettingsReplacesTheProtectedKeys() {
        keys.replace(ZONE);
        ClusterSettingsSpec other = new ClusterSettingsSpec(List.of("platform.example/tier"), null);
        fixture.given(new ClusterSettingsCreated("default", "uid-1", Map.of(), Map.of(), ZONE, NOW))
                .when(new ReplaceClusterSettings("default", Map.of(), Map.of(), other, null, 0L), as(PLATFORM))
                .expectEvents(new ClusterSettingsReplaced("default", "uid-1", Map.of(), Map.of(), other, 2));
        assertThat(keys.protectedLabelKeys()).containsExactly("platform.example/tier");
    }

    @Test
    void deletingSettingsProtectsNothing() {
        keys.replace(ZONE);
        fixture.given(new ClusterSettingsCreated("default", "uid-1", Map.of(), Map.of(), ZONE, NOW))
                .when(new DeleteClusterSettings("default", null, null), as(PLATFORM))
                .expectEvents(new ClusterSettingsDeleted("default", "uid-1"));
        assertThat(keys.protectedLabelKeys()).isEmpty();
    }

    @Test
    void settingsHaveOneNameAndValidKeys() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new CreateClusterSettings("other", "u", Map.of(), Map.of(), ZONE))
                .isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("metadata.name");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CreateClusterSettings(
                        "default", "u", Map.of(), Map.of(), new ClusterSettingsSpec(List.of("bad key"), null)))
                .isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("spec.protectedLabelKeys[0]");
    }
}
