package io.policyledger.core.pod;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A port a container listens on; its name lets NetworkPolicies refer to it by name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerPort(String name, Integer containerPort, String protocol) {}
