package io.policyledger.command.settings;

import static io.policyledger.command.Callers.ADMIN_A;
import static io.policyledger.command.Callers.PLATFORM;
import static io.policyledger.command.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.command.FixedProtectedLabelKeys;
import io.policyledger.command.routing.ObjectKeyTargetResolver;
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
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterSettingsAggregateTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final ClusterSettingsSpec ZONE = new ClusterSettingsSpec(List.of("platform.example/zone"));

    private AggregateTestFixture<ClusterSettingsAggregate> fixture;
    private FixedProtectedLabelKeys keys;

    @BeforeEach
    void setUp() {
        keys = new FixedProtectedLabelKeys();
        fixture = new AggregateTestFixture<>(ClusterSettingsAggregate.class);
        fixture.registerCommandTargetResolver(new ObjectKeyTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(keys);
    }

    @Test
    void declaringProtectedKeysRecordsThemAndProtectsThemAtOnce() {
        fixture.givenNoPriorActivity()
                .when(new CreateClusterSettings("default", "uid-1", Map.of(), Map.of(), ZONE), as(PLATFORM))
                .expectEvents(new ClusterSettingsCreated("default", "uid-1", Map.of(), Map.of(), ZONE, NOW));
        assertThat(keys.current()).containsExactly("platform.example/zone");
    }

    @Test
    void keysAreKeptSortedSoEqualSettingsAreEqualEvents() {
        CreateClusterSettings command = new CreateClusterSettings("default", "u", Map.of(), Map.of(),
                new ClusterSettingsSpec(List.of("b.example/x", "a.example/y")));
        assertThat(command.spec().protectedLabelKeys()).containsExactly("a.example/y", "b.example/x");
    }

    @Test
    void onlyThePlatformChangesSettings() {
        fixture.given(new ClusterSettingsCreated("default", "uid-1", Map.of(), Map.of(), ZONE, NOW))
                .when(new ReplaceClusterSettings("default", Map.of(), Map.of(), ClusterSettingsSpec.NONE, null, null),
                        as(ADMIN_A))
                .expectException(ObjectForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void replacingSettingsReplacesTheProtectedKeys() {
        keys.replace(java.util.Set.of("platform.example/zone"));
        ClusterSettingsSpec other = new ClusterSettingsSpec(List.of("platform.example/tier"));
        fixture.given(new ClusterSettingsCreated("default", "uid-1", Map.of(), Map.of(), ZONE, NOW))
                .when(new ReplaceClusterSettings("default", Map.of(), Map.of(), other, null, 0L), as(PLATFORM))
                .expectEvents(new ClusterSettingsReplaced("default", "uid-1", Map.of(), Map.of(), other, 2));
        assertThat(keys.current()).containsExactly("platform.example/tier");
    }

    @Test
    void deletingSettingsProtectsNothing() {
        keys.replace(java.util.Set.of("platform.example/zone"));
        fixture.given(new ClusterSettingsCreated("default", "uid-1", Map.of(), Map.of(), ZONE, NOW))
                .when(new DeleteClusterSettings("default", null, null), as(PLATFORM))
                .expectEvents(new ClusterSettingsDeleted("default", "uid-1"));
        assertThat(keys.current()).isEmpty();
    }

    @Test
    void settingsHaveOneNameAndValidKeys() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CreateClusterSettings("other", "u", Map.of(),
                Map.of(), ZONE)).isInstanceOf(InvalidObjectException.class).hasMessageContaining("metadata.name");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CreateClusterSettings("default", "u", Map.of(),
                Map.of(), new ClusterSettingsSpec(List.of("bad key")))).isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("spec.protectedLabelKeys[0]");
    }
}
