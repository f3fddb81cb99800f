package io.policyledger.core.clusternetworkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The destination port of one protocol (TCP, UDP and SCTP have the same shape upstream). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProtocolPort(Port destinationPort) {}
