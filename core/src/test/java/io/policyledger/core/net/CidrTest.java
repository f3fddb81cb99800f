package io.policyledger.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    private static Cidr cidr(String text) {
        return Cidr.parse(text).orElseThrow(() -> new AssertionError("not a CIDR: " + text));
    }

    private static IpAddress ip(String text) {
        return IpAddress.parse(text).orElseThrow(() -> new AssertionError("not an address: " + text));
    }

    @Test
    void ipv4NetworkParsesIntoAddressAndPrefix() {
        Cidr network = cidr("10.0.0.0/8");

        assertThat(network.isV4()).isTrue();
        assertThat(network.network()).isEqualTo(ip("10.0.0.0"));
        assertThat(network.prefixLength()).isEqualTo(8);
        assertThat(network).hasToString("10.0.0.0/8");
    }

    @Test
    void ipv6NetworkParsesIntoAddressAndPrefix() {
        Cidr network = cidr("2001:db8::/32");

        assertThat(network.isV4()).isFalse();
        assertThat(network.network()).isEqualTo(ip("2001:db8::"));
        assertThat(network.prefixLength()).isEqualTo(32);
    }

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource({
        "10.1.2.3/16, 10.1.0.0/16",
        "10.1.2.3/8, 10.0.0.0/8",
        "10.1.2.255/25, 10.1.2.128/25",
        "10.1.2.3/32, 10.1.2.3/32",
        "10.1.2.3/0, 0.0.0.0/0",
        "192.168.100.7/22, 192.168.100.0/22",
        "2001:db8::1/32, 2001:db8::/32",
        "2001:db8:ffff::1/36, 2001:db8:f000::/36",
        "2001:DB8:0:0:0:0:0:1/128, 2001:db8::1/128",
        "fe80::1/0, ::/0"
    })
    void hostBitsAreClearedSoOnlyTheNetworkRemains(String text, String normalized) {
        assertThat(cidr(text)).hasToString(normalized);
    }

    @Test
    void cidrsDifferingOnlyInHostBitsAreEqual() {
        assertThat(cidr("10.1.2.3/16")).isEqualTo(cidr("10.1.0.0/16"));
        assertThat(cidr("10.1.2.3/16").hashCode()).isEqualTo(cidr("10.1.0.0/16").hashCode());
    }

    @Test
    void sameNetworkWithDifferentPrefixesIsNotEqual() {
        assertThat(cidr("10.0.0.0/8")).isNotEqualTo(cidr("10.0.0.0/16"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0", "10.0.0.0/1", "10.0.0.0/32", "::/0", "::1/128"})
    void prefixesFromZeroToTheAddressLengthAreAccepted(String text) {
        assertThat(Cidr.parse(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "0.0.0.0/64", "10.0.0.0/128", "::/129", "::/999", "10.0.0.0/1000"})
    void prefixLongerThanTheAddressIsRejected(String text) {
        assertThat(Cidr.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0",
                "10.0.0.0/",
                "/8",
                "10.0.0.0/08",
                "10.0.0.0/00",
                "10.0.0.0/-1",
                "10.0.0.0/+8",
                "10.0.0.0/8/8",
                "10.0.0.0/ 8",
                "10.0.0.0 /8",
                "10.0.0.0/8 ",
                "10.0.0.0/a",
                "10.0.0.256/8",
                "010.0.0.0/8",
                "10.0.0/8",
                "example.com/8",
                "localhost/32",
                "2001:db8:::/32",
                "10.0.0.0/\uFF12\uFF14",
                "10.0.0.0/\u0661\u0666"
            })
    void malformedCidrIsRejected(String text) {
        assertThat(Cidr.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingTextIsNotACidr(String text) {
        assertThat(Cidr.parse(text)).isEmpty();
    }

    @Test
    void networkContainsItsFirstAndLastAddress() {
        Cidr network = cidr("10.0.0.0/8");

        assertThat(network.contains(ip("10.0.0.0"))).isTrue();
        assertThat(network.contains(ip("10.255.255.255"))).isTrue();
    }

    @Test
    void networkDoesNotContainAddressesJustOutside() {
        Cidr network = cidr("10.1.2.128/25");

        assertThat(network.contains(ip("10.1.2.127"))).isFalse();
        assertThat(network.contains(ip("10.1.3.0"))).isFalse();
    }

    @Test
    void hostRouteContainsOnlyItsOwnAddress() {
        Cidr host = cidr("192.168.1.1/32");

        assertThat(host.contains(ip("192.168.1.1"))).isTrue();
        assertThat(host.contains(ip("192.168.1.2"))).isFalse();
    }

    @Test
    void ipv6NetworkContainsAddressesWithItsPrefix() {
        Cidr network = cidr("2001:db8::/32");

        assertThat(network.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(network.contains(ip("2001:db9::1"))).isFalse();
    }

    @Test
    void zeroPrefixContainsEveryAddressOfItsOwnFamilyOnly() {
        assertThat(cidr("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
        assertThat(cidr("0.0.0.0/0").contains(ip("::1"))).isFalse();
        assertThat(cidr("::/0").contains(ip("2001:db8::1"))).isTrue();
        assertThat(cidr("::/0").contains(ip("10.0.0.1"))).isFalse();
    }

    @Test
    void ipv4NetworkNeverContainsIpv6AddressWithTheSameLeadingBytes() {
        assertThat(cidr("10.0.0.0/8").contains(ip("a00::1"))).isFalse();
    }

    @Test
    void networkCoversANarrowerNetworkInsideIt() {
        assertThat(cidr("10.0.0.0/8").covers(cidr("10.1.0.0/16"))).isTrue();
        assertThat(cidr("2001:db8::/32").covers(cidr("2001:db8:1::/48"))).isTrue();
    }

    @Test
    void networkCoversItself() {
        assertThat(cidr("10.0.0.0/8").covers(cidr("10.0.0.0/8"))).isTrue();
    }

    @Test
    void networkDoesNotCoverAWiderNetwork() {
        assertThat(cidr("10.1.0.0/16").covers(cidr("10.0.0.0/8"))).isFalse();
        assertThat(cidr("10.1.0.0/16").covers(cidr("0.0.0.0/0"))).isFalse();
    }

    @Test
    void networkDoesNotCoverADisjointNetwork() {
        assertThat(cidr("10.0.0.0/16").covers(cidr("10.1.0.0/24"))).isFalse();
    }

    @Test
    void networksOfDifferentFamiliesNeverCoverEachOther() {
        assertThat(cidr("0.0.0.0/0").covers(cidr("::/0"))).isFalse();
        assertThat(cidr("::/0").covers(cidr("10.0.0.0/8"))).isFalse();
        assertThat(cidr("::/0").covers(cidr("0.0.0.0/32"))).isFalse();
    }
}
