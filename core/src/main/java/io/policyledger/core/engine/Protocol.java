package io.policyledger.core.engine;

/** The transport protocols NetworkPolicy ports speak of. */
public enum Protocol {
    TCP,
    UDP,
    SCTP;

    public static Protocol of(String wire) {
        return wire == null ? TCP : valueOf(wire);
    }
}
