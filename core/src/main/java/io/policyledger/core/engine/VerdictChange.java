package io.policyledger.core.engine;

/**
 * A connection whose verdict a change would flip: from one pod to another, on a protocol and a range of
 * ports (every port in it has the same verdict before, and the same after).
 */
public record VerdictChange(
        PodRef from, PodRef to, Protocol protocol, int port, int endPort, boolean allowedBefore, boolean allowedAfter)
        implements Comparable<VerdictChange> {

    @Override
    public int compareTo(VerdictChange o) {
        int c = from.compareTo(o.from);
        if (c == 0) {
            c = to.compareTo(o.to);
        }
        if (c == 0) {
            c = protocol.compareTo(o.protocol);
        }
        return c != 0 ? c : Integer.compare(port, o.port);
    }
}
