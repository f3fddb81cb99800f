package io.policyledger.core.engine;

/** A container port a pod names, which policies may refer to by that name. */
public record NamedPort(int port, Protocol protocol) {}
