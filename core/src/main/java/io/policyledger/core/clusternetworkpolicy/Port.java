package io.policyledger.core.clusternetworkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Exactly one of a port number (1–65535) or a range of them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Port(Integer number, PortRange range) {}
