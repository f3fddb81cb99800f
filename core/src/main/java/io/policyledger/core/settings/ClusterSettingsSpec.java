package io.policyledger.core.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Settings of the whole installation that only the platform admin controls.
 *
 * @param protectedLabelKeys     label keys that only the platform admin may set, change or remove on
 *                               namespaces and pods, so that selectors written against them can trust them
 * @param reservedNamespaceNames namespace names (exact, or a prefix ending in {@code *}) only the platform
 *                               admin may create, so that selectors on {@code kubernetes.io/metadata.name}
 *                               can trust those names
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ClusterSettingsSpec(List<String> protectedLabelKeys, List<String> reservedNamespaceNames) {

    public static final ClusterSettingsSpec NONE = new ClusterSettingsSpec(List.of(), List.of());

    public ClusterSettingsSpec {
        protectedLabelKeys = protectedLabelKeys == null ? List.of() : List.copyOf(protectedLabelKeys);
        reservedNamespaceNames = reservedNamespaceNames == null ? List.of() : List.copyOf(reservedNamespaceNames);
    }
}
