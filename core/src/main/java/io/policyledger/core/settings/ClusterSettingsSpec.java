package io.policyledger.core.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Settings of the whole installation that only the platform admin controls.
 *
 * @param protectedLabelKeys label keys that only the platform admin may set, change or remove on
 *                           namespaces and pods, so that selectors written against them can trust them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterSettingsSpec(List<String> protectedLabelKeys) {

    public static final ClusterSettingsSpec NONE = new ClusterSettingsSpec(List.of());

    public ClusterSettingsSpec {
        protectedLabelKeys = protectedLabelKeys == null ? List.of() : List.copyOf(protectedLabelKeys);
    }
}
