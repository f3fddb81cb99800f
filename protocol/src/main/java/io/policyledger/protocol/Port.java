package io.policyledger.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A port a rule admits: a number ({@code port}, up to {@code endPort} for a range), or for egress a name the
 * destination pods define ({@code name}, resolved against the peer set's members).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Port(String protocol, Integer port, Integer endPort, String name) {

    public static Port number(String protocol, int port, int endPort) {
        return new Port(protocol, port, endPort == port ? null : endPort, null);
    }

    public static Port named(String protocol, String name) {
        return new Port(protocol, null, null, name);
    }

    public boolean byName() {
        return name != null;
    }

    /** The protocol, TCP when not given. */
    public String protocolOrTcp() {
        return protocol == null ? "TCP" : protocol;
    }
}
