package io.policyledger.core.clusternetworkpolicy;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Exactly one of: a TCP, UDP or SCTP destination port (or range), or a named container port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterNetworkPolicyProtocol(
        ProtocolPort tcp, ProtocolPort udp, ProtocolPort sctp, String destinationNamedPort) {}
