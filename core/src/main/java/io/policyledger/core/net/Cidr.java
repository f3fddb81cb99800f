package io.policyledger.core.net;

import java.util.Optional;

/**
 * An IP network in CIDR notation. Parsing keeps the network part only: {@code 10.0.0.7/24} becomes
 * {@code 10.0.0.0/24}, as Kubernetes treats a CIDR with host bits set.
 */
public final class Cidr {

    private final IpAddress network;
    private final int prefixLength;

    private Cidr(IpAddress network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0 || slash == text.length() - 1 || text.length() - slash > 4) {
            return Optional.empty();
        }
        String bits = text.substring(slash + 1);
        if (!bits.chars().allMatch(c -> c >= '0' && c <= '9') || (bits.length() > 1 && bits.charAt(0) == '0')) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(bits);
        return IpAddress.parse(text.substring(0, slash))
                .filter(ip -> prefix <= ip.bitLength())
                .map(ip -> new Cidr(mask(ip, prefix), prefix));
    }

    public IpAddress network() {
        return network;
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean isV4() {
        return network.isV4();
    }

    public boolean contains(IpAddress ip) {
        return ip.isV4() == isV4() && mask(ip, prefixLength).equals(network);
    }

    /** True if every address of {@code other} is also in this network. */
    public boolean covers(Cidr other) {
        return other.isV4() == isV4() && other.prefixLength >= prefixLength && contains(other.network);
    }

    private static IpAddress mask(IpAddress ip, int prefix) {
        byte[] b = ip.bytes();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            b[i] = (byte) (b[i] & (0xff << (8 - keep)));
        }
        return IpAddress.of(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && other.prefixLength == prefixLength && other.network.equals(network);
    }

    @Override
    public int hashCode() {
        return network.hashCode() * 31 + prefixLength;
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
