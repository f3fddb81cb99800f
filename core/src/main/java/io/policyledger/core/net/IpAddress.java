package io.policyledger.core.net;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address parsed strictly from its textual form. Never resolves names (unlike
 * {@link java.net.InetAddress#getByName}), rejects IPv4 octets with leading zeros (ambiguous: octal or
 * decimal?), and prints IPv6 in the canonical RFC 5952 form so equal addresses compare equal as text.
 */
public final class IpAddress {

    private final byte[] bytes;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        byte[] b = text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
        return Optional.ofNullable(b).map(IpAddress::new);
    }

    static IpAddress of(byte[] bytes) {
        return new IpAddress(bytes.clone());
    }

    public boolean isV4() {
        return bytes.length == 4;
    }

    public int bitLength() {
        return bytes.length * 8;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return isV4() ? v4Text(bytes) : v6Text(bytes);
    }

    private static byte[] parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                char c = p.charAt(k);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String text) {
        if (text.length() > 45) {
            return null;
        }
        // An embedded IPv4 tail (::ffff:1.2.3.4) occupies the last two groups.
        byte[] v4Tail = null;
        String head = text;
        int lastColon = text.lastIndexOf(':');
        if (text.indexOf('.', lastColon) >= 0) {
            v4Tail = parseV4(text.substring(lastColon + 1));
            if (v4Tail == null) {
                return null;
            }
            head = text.substring(0, lastColon + 1) + "0:0";
        }
        int doubleColon = head.indexOf("::");
        if (doubleColon >= 0 && head.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String[] left;
        String[] right;
        if (doubleColon >= 0) {
            String l = head.substring(0, doubleColon);
            String r = head.substring(doubleColon + 2);
            left = l.isEmpty() ? new String[0] : l.split(":", -1);
            right = r.isEmpty() ? new String[0] : r.split(":", -1);
            if (left.length + right.length > 7) {
                return null;
            }
        } else {
            left = head.split(":", -1);
            right = new String[0];
            if (left.length != 8) {
                return null;
            }
        }
        int[] groups = new int[8];
        for (int i = 0; i < left.length; i++) {
            int g = group(left[i]);
            if (g < 0) {
                return null;
            }
            groups[i] = g;
        }
        for (int i = 0; i < right.length; i++) {
            int g = group(right[i]);
            if (g < 0) {
                return null;
            }
            groups[8 - right.length + i] = g;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (groups[i] >>> 8);
            out[2 * i + 1] = (byte) groups[i];
        }
        if (v4Tail != null) {
            System.arraycopy(v4Tail, 0, out, 12, 4);
        }
        return out;
    }

    private static int group(String g) {
        if (g.isEmpty() || g.length() > 4) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            // ASCII only: Character.digit also accepts fullwidth and other Unicode digits and letters.
            int d = c < 0x80 ? Character.digit(c, 16) : -1;
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    private static String v4Text(byte[] b) {
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }

    private static String v6Text(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // RFC 5952: compress the longest run (of at least two) of zero groups, the first one on a tie.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
