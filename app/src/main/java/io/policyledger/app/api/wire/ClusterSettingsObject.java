package io.policyledger.app.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.policyledger.core.settings.ClusterSettingsSpec;

/** policyledger.io/v1 ClusterSettings, the one object named "default". */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterSettingsObject(String apiVersion, String kind, ObjectMeta metadata, ClusterSettingsSpec spec) {}
