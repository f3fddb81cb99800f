package io.policyledger.command.settings;

import io.policyledger.core.settings.ClusterSettingsSpec;
import java.util.Set;

/**
 * The platform's rules from the cluster settings, kept in step with them in the same transaction:
 * label keys only the platform admin may set, change or remove, and namespace names only it may create.
 * Reading them takes a lock that a change of the settings waits for, so no write decided under the
 * old rules can commit after the new ones.
 */
public interface PlatformReservations {

    Set<String> protectedLabelKeys();

    boolean isReservedNamespace(String name);

    void replace(ClusterSettingsSpec spec);
}
