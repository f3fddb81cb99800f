package io.policyledger.command;

import io.policyledger.command.settings.ProtectedLabelKeys;
import java.util.HashSet;
import java.util.Set;

/** {@link ProtectedLabelKeys} without a database, for aggregate tests. */
public final class FixedProtectedLabelKeys implements ProtectedLabelKeys {

    private final Set<String> keys = new HashSet<>();

    public FixedProtectedLabelKeys(String... keys) {
        this.keys.addAll(Set.of(keys));
    }

    @Override
    public Set<String> current() {
        return Set.copyOf(keys);
    }

    @Override
    public void replace(Set<String> newKeys) {
        keys.clear();
        keys.addAll(newKeys);
    }
}
