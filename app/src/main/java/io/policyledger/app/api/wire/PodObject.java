package io.policyledger.app.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;

/** A v1 Pod, restricted to the fields network policy needs (see {@link PodSpec}, {@link PodStatus}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodObject(String apiVersion, String kind, ObjectMeta metadata, PodSpec spec, PodStatus status) {}
