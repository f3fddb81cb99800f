package io.policyledger.command.settings;

import java.util.Set;

/** The label keys only the platform admin may set, change or remove; kept in step with the cluster settings. */
public interface ProtectedLabelKeys {

    Set<String> current();

    void replace(Set<String> keys);
}
