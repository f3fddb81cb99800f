package io.policyledger.core.clusternetworkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Ports {@code start} to {@code end}, both included; start below end. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortRange(Integer start, Integer end) {}
