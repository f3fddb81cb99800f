package io.policyledger.core.engine;

/**
 * A protocol and a range of ports a rule set allows. A named port that could not be resolved yet
 * (an egress rule's, resolved per destination pod) keeps its {@code name} and no range.
 */
public record PortMatch(Protocol protocol, int from, int to, String name) implements Comparable<PortMatch> {

    public static final int ANY_FROM = 1;
    public static final int ANY_TO = 65535;

    public static PortMatch range(Protocol protocol, int from, int to) {
        return new PortMatch(protocol, from, to, null);
    }

    public static PortMatch allOf(Protocol protocol) {
        return new PortMatch(protocol, ANY_FROM, ANY_TO, null);
    }

    public static PortMatch named(Protocol protocol, String name) {
        return new PortMatch(protocol, 0, 0, name);
    }

    public boolean isNamed() {
        return name != null;
    }

    /** Whether this (resolved) match covers the port; named matches are resolved by the caller first. */
    public boolean covers(Protocol p, int port) {
        return name == null && protocol == p && port >= from && port <= to;
    }

    @Override
    public int compareTo(PortMatch o) {
        int c = protocol.compareTo(o.protocol);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(from, o.from);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(to, o.to);
        if (c != 0) {
            return c;
        }
        return String.valueOf(name).compareTo(String.valueOf(o.name));
    }

    @Override
    public String toString() {
        if (name != null) {
            return protocol + "/" + name;
        }
        if (from == ANY_FROM && to == ANY_TO) {
            return protocol + "/*";
        }
        return protocol + "/" + (from == to ? Integer.toString(from) : from + "-" + to);
    }
}
