package io.policyledger.command;

import io.policyledger.command.settings.PlatformReservations;
import io.policyledger.core.settings.ClusterSettingsSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@link PlatformReservations} without a database, for aggregate tests. */
public final class FixedPlatformReservations implements PlatformReservations {

    private final Set<String> keys = new HashSet<>();
    private final Set<String> reserved = new HashSet<>();

    public FixedPlatformReservations(String... protectedKeys) {
        keys.addAll(Set.of(protectedKeys));
    }

    public FixedPlatformReservations reserving(String... patterns) {
        reserved.addAll(List.of(patterns));
        return this;
    }

    @Override
    public Set<String> protectedLabelKeys() {
        return Set.copyOf(keys);
    }

    @Override
    public boolean isReservedNamespace(String name) {
        return reserved.stream()
                .anyMatch(p -> p.endsWith("*") ? name.startsWith(p.substring(0, p.length() - 1)) : name.equals(p));
    }

    @Override
    public void replace(ClusterSettingsSpec spec) {
        keys.clear();
        keys.addAll(spec.protectedLabelKeys());
        reserved.clear();
        reserved.addAll(spec.reservedNamespaceNames());
    }
}
