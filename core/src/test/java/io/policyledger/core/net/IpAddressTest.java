package io.policyledger.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    private static IpAddress ip(String text) {
        return IpAddress.parse(text).orElseThrow(() -> new AssertionError("not an address: " + text));
    }

    // IPv4

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.0.0.1", "192.168.1.254", "255.255.255.255"})
    void dottedQuadParsesAsIpv4AndPrintsAsGiven(String text) {
        IpAddress address = ip(text);

        assertThat(address.isV4()).isTrue();
        assertThat(address.bitLength()).isEqualTo(32);
        assertThat(address).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"010.0.0.1", "1.02.3.4", "1.2.3.00", "00.0.0.0"})
    void ipv4OctetsWithLeadingZerosAreRejectedAsAmbiguous(String text) {
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "256.0.0.1",
                "1.2.3.999",
                "1.2.3",
                "1.2.3.4.5",
                "1..2.3",
                "1.2.3.",
                ".1.2.3",
                "+1.2.3.4",
                "-1.2.3.4",
                " 1.2.3.4",
                "1.2.3.4 ",
                "0x7f.0.0.1",
                "1.2.3.4/32",
                "1.2.3.a",
                "1.2.3.4:80"
            })
    void malformedIpv4IsRejected(String text) {
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "127.1", "2130706433", "0177.0.0.1"})
    void shorthandFormsThatInetAddressWouldAcceptAreRejected(String text) {
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "ip6-localhost", "kubernetes.default.svc"})
    void hostnamesAreRejectedWithoutBeingResolved(String text) {
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingTextIsNotAnAddress(String text) {
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    // IPv6

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "2001:db8::1", "fe80::1:2", "1:2:3:4:5:6:7:8", "fd00::"})
    void canonicalIpv6ParsesAsIpv6AndPrintsAsGiven(String text) {
        IpAddress address = ip(text);

        assertThat(address.isV4()).isFalse();
        assertThat(address.bitLength()).isEqualTo(128);
        assertThat(address).hasToString(text);
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
        // RFC 5952 4.1: leading zeros of a group are suppressed
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8::0001, 2001:db8::1",
        // 4.2.1: the longest run of zero groups is compressed
        "2001:db8:0:0:1:0:0:0, 2001:db8:0:0:1::",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        // 4.2.2: a single zero group is not compressed
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:db8::1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        // 4.2.3: on a tie the first run is compressed
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        // 4.3: hexadecimal digits are lower case
        "2001:DB8::ABCD, 2001:db8::abcd",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "1:0:0:0:0:0:0:0, 1::",
        "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
        "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8"
    })
    void ipv6PrintsInRfc5952CanonicalForm(String text, String canonical) {
        assertThat(ip(text)).hasToString(canonical);
    }

    @Test
    void differentSpellingsOfOneIpv6AddressAreEqual() {
        IpAddress compressed = ip("2001:db8::1");
        IpAddress full = ip("2001:0DB8:0:0:0:0:0:0001");

        assertThat(full).isEqualTo(compressed);
        assertThat(full.hashCode()).isEqualTo(compressed.hashCode());
    }

    @Test
    void embeddedIpv4TailFillsTheLastTwoGroups() {
        assertThat(ip("::ffff:192.0.2.1")).isEqualTo(ip("::ffff:c000:201"));
        assertThat(ip("64:ff9b::10.0.0.1")).isEqualTo(ip("64:ff9b::a00:1"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                ":::",
                "1::2::3",
                "1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7:8::",
                "::1:2:3:4:5:6:7:8",
                "12345::",
                "g::1",
                ":1::",
                "1::2:",
                ":",
                "1:2:3:4:5:6:7:",
                "::1%eth0",
                "[::1]",
                "::ffff:1.2.3",
                "::ffff:256.1.1.1",
                "::ffff:01.2.3.4",
                "1:2:3:4:5:6:7:1.2.3.4",
                "::1.2.3.4:5",
                "2001:db8::/64",
                "::1 "
            })
    void malformedIpv6IsRejected(String text) {
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uFF12\uFF10\uFF10\uFF11:db8::1", "::\uFF21", "::\u0661", "\uFF11.2.3.4", "1.2.3.\u0664"})
    void nonAsciiDigitsAndLettersAreRejected(String text) {
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    @Test
    void ipv4AndIpv6AddressesAreNeverEqual() {
        assertThat(ip("0.0.0.0")).isNotEqualTo(ip("::"));
        assertThat(ip("0.0.0.1")).isNotEqualTo(ip("::1"));
    }
}
