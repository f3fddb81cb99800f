package io.policyledger.core.engine;

/**
 * One {@code ports} entry of a rule: a protocol and a port, a port range, a named port, or (no port)
 * every port of the protocol.
 *
 * @param port     first port, or null for every port
 * @param endPort  last port of a range, or null for a single port
 * @param portName a named port (resolved on the destination pod), or null
 */
public record PortSpec(Protocol protocol, Integer port, Integer endPort, String portName) {}
