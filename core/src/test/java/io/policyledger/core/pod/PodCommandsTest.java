package io.policyledger.core.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.policyledger.core.object.Kind;
import io.policyledger.core.validation.FieldViolation;
import io.policyledger.core.validation.FieldViolation.Type;
import io.policyledger.core.validation.InvalidObjectException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PodCommandsTest {

    private static final Container NGINX =
            new Container("nginx", "nginx:1.27", List.of(new ContainerPort("http", 80, "TCP")));

    private static CreatePod create(PodSpec spec, PodStatus status) {
        return new CreatePod("default", "web-0", "uid-1", Map.of("app", "web"), Map.of(), spec, status);
    }

    private static CreatePod create(PodSpec spec) {
        return create(spec, null);
    }

    private static CreatePod createWithStatus(PodStatus status) {
        return create(new PodSpec("node-1", List.of(NGINX)), status);
    }

    private static PodSpec containers(Container... containers) {
        return new PodSpec(null, Arrays.asList(containers));
    }

    private static PodSpec ports(ContainerPort... ports) {
        return containers(new Container("app", null, Arrays.asList(ports)));
    }

    private static PodStatus ips(String podIP, String... podIPs) {
        List<PodIP> list = new ArrayList<>();
        for (String ip : podIPs) {
            list.add(new PodIP(ip));
        }
        return new PodStatus(podIP, podIPs.length == 0 ? null : list);
    }

    private static InvalidObjectException rejectionOf(Runnable command) {
        InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class, command::run);
        assertThat(e).as("the command should have been refused").isNotNull();
        return e;
    }

    private static List<FieldViolation> violationsOf(PodSpec spec) {
        return rejectionOf(() -> create(spec)).violations();
    }

    private static List<FieldViolation> violationsOf(PodStatus status) {
        return rejectionOf(() -> createWithStatus(status)).violations();
    }

    // Spec

    @Test
    void validPodIsAccepted() {
        assertThatCode(() -> createWithStatus(ips("10.0.0.5", "10.0.0.5", "fd00::5")))
                .doesNotThrowAnyException();
    }

    @Test
    void missingSpecIsRequired() {
        assertThat(violationsOf((PodSpec) null))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec", Type.FieldValueRequired));
    }

    @Test
    void containersAreRequired() {
        assertThat(violationsOf(new PodSpec("node-1", null)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.containers", Type.FieldValueRequired));
    }

    @Test
    void emptyContainerListIsRequiredToHaveAContainer() {
        assertThat(violationsOf(new PodSpec("node-1", List.of())))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.containers", Type.FieldValueRequired));
    }

    @Test
    void duplicateContainerNamesAreRejected() {
        assertThat(violationsOf(
                        containers(NGINX, new Container("sidecar", null, null), new Container("nginx", null, null))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.containers[2].name", Type.FieldValueDuplicate));
    }

    @Test
    void containerNameMustBeADns1123Label() {
        assertThat(violationsOf(containers(new Container("web.server", null, null))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.containers[0].name", Type.FieldValueInvalid));
    }

    @Test
    void containerNameIsRequired() {
        assertThat(violationsOf(containers(new Container(null, "nginx", null))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.containers[0].name", Type.FieldValueRequired));
    }

    @Test
    void duplicatePortNamesAreRejected() {
        assertThat(violationsOf(ports(new ContainerPort("http", 80, "TCP"), new ContainerPort("http", 8080, "TCP"))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.containers[0].ports[1].name", Type.FieldValueDuplicate));
    }

    @Test
    void unnamedPortsMayRepeat() {
        assertThatCode(() -> create(ports(
                        new ContainerPort(null, 80, "TCP"),
                        new ContainerPort("", 81, "TCP"),
                        new ContainerPort(null, 82, "UDP"))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void containerPortOutsideOneTo65535IsRejected(int port) {
        assertThat(violationsOf(ports(new ContainerPort("http", port, "TCP"))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.containers[0].ports[0].containerPort", Type.FieldValueInvalid));
    }

    @Test
    void missingContainerPortIsRequired() {
        assertThat(violationsOf(ports(new ContainerPort("http", null, "TCP"))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.containers[0].ports[0].containerPort", Type.FieldValueRequired));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ICMP", "tcp", ""})
    void protocolOtherThanTcpUdpOrSctpIsNotSupported(String protocol) {
        assertThat(violationsOf(ports(new ContainerPort("http", 80, protocol))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.containers[0].ports[0].protocol", Type.FieldValueNotSupported));
    }

    @Test
    void portNameMustBeAnIanaServiceName() {
        assertThat(violationsOf(ports(new ContainerPort("HTTP", 80, "TCP"))))
                .isNotEmpty()
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsOnly(tuple("spec.containers[0].ports[0].name", Type.FieldValueInvalid));
    }

    @Test
    void badNodeNameIsRejected() {
        assertThat(violationsOf(new PodSpec("Node_1", List.of(NGINX))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.nodeName", Type.FieldValueInvalid));
    }

    @Test
    void dottedPodNameIsAccepted() {
        assertThatCode(() -> new CreatePod("default", "a.b", "uid-1", null, null, containers(NGINX), null))
                .doesNotThrowAnyException();
    }

    @Test
    void badPodNameAndLabelAreReportedUnderMetadata() {
        InvalidObjectException e = rejectionOf(
                () -> new CreatePod("default", "Web_0", "uid-1", Map.of("app", "web_"), null, containers(NGINX), null));

        assertThat(e.violations())
                .extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("metadata.name", "metadata.labels");
    }

    // Status

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.256", "010.0.0.1", "localhost", "fd00::1::2"})
    void badPodIpIsRejected(String podIP) {
        assertThat(violationsOf(ips(podIP)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("status.podIP", Type.FieldValueInvalid));
    }

    @Test
    void badPodIpsEntryIsRejected() {
        assertThat(violationsOf(ips(null, "10.0.0.1", "fd00::zz")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("status.podIPs[1].ip", Type.FieldValueInvalid));
    }

    @Test
    void emptyPodIpsEntryIsRequired() {
        assertThat(violationsOf(ips(null, "")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("status.podIPs[0].ip", Type.FieldValueRequired));
    }

    @Test
    void duplicatePodIpsAreRejected() {
        assertThat(violationsOf(ips(null, "fd00::1", "FD00:0:0::1")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .contains(tuple("status.podIPs[1].ip", Type.FieldValueDuplicate));
    }

    @Test
    void twoIpv4AddressesAreRejected() {
        assertThat(violationsOf(ips(null, "10.0.0.1", "10.0.0.2")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("status.podIPs", Type.FieldValueInvalid));
    }

    @Test
    void twoIpv6AddressesAreRejected() {
        assertThat(violationsOf(ips(null, "fd00::1", "fd00::2")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("status.podIPs", Type.FieldValueInvalid));
    }

    @Test
    void oneAddressOfEachFamilyIsAccepted() {
        assertThatCode(() -> createWithStatus(ips(null, "fd00::1", "10.0.0.1"))).doesNotThrowAnyException();
    }

    @Test
    void moreThanTwoPodIpsAreTooMany() {
        assertThat(violationsOf(ips(null, "10.0.0.1", "fd00::1", "10.0.0.2")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("status.podIPs", Type.FieldValueTooMany));
    }

    @Test
    void firstPodIpMustEqualPodIp() {
        assertThat(violationsOf(ips("10.0.0.1", "10.0.0.2", "fd00::1")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("status.podIPs[0].ip", Type.FieldValueInvalid));
    }

    @Test
    void podIpMatchesFirstPodIpWrittenDifferently() {
        assertThatCode(() -> createWithStatus(ips("FD00:0::1", "fd00::1", "10.0.0.1")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusalNamesTheKindAndThePod() {
        InvalidObjectException e = rejectionOf(() -> createWithStatus(ips("nope")));

        assertThat(e.kind()).isEqualTo(Kind.POD);
        assertThat(e.name()).isEqualTo("web-0");
        assertThat(e)
                .hasMessage("Pod \"web-0\" is invalid: status.podIP: Invalid value: \"nope\": "
                        + "must be a valid IP address");
    }

    // Defaulting

    @Test
    void portProtocolDefaultsToTcp() {
        CreatePod pod = create(ports(new ContainerPort("dns", 53, null), new ContainerPort("dns-udp", 53, "UDP")));

        assertThat(pod.spec().containers().get(0).ports())
                .extracting(ContainerPort::protocol)
                .containsExactly("TCP", "UDP");
    }

    @Test
    void emptyPortNameAndNodeNameAreStoredAsAbsent() {
        CreatePod pod =
                create(new PodSpec("", List.of(new Container("app", null, List.of(new ContainerPort("", 80, "TCP"))))));

        assertThat(pod.spec().nodeName()).isNull();
        assertThat(pod.spec().containers().get(0).ports().get(0).name()).isNull();
    }

    @Test
    void podIpsAreFilledFromPodIp() {
        CreatePod pod = createWithStatus(ips("10.0.0.7"));

        assertThat(pod.status()).isEqualTo(new PodStatus("10.0.0.7", List.of(new PodIP("10.0.0.7"))));
    }

    @Test
    void podIpIsFilledFromFirstPodIp() {
        CreatePod pod = createWithStatus(ips(null, "fd00::7", "10.0.0.7"));

        assertThat(pod.status().podIP()).isEqualTo("fd00::7");
        assertThat(pod.status().podIPs()).containsExactly(new PodIP("fd00::7"), new PodIP("10.0.0.7"));
    }

    @Test
    void ipv6AddressesAreStoredInCanonicalForm() {
        CreatePod pod = createWithStatus(ips("FD00:0:0:0:0:0:0:0007", "fd00:0::7", "10.0.0.7"));

        assertThat(pod.status())
                .isEqualTo(new PodStatus("fd00::7", List.of(new PodIP("fd00::7"), new PodIP("10.0.0.7"))));
    }

    @Test
    void missingStatusMeansNoAddresses() {
        CreatePod pod = createWithStatus(null);

        assertThat(pod.status()).isEqualTo(PodStatus.NONE);
        assertThat(pod.status().podIP()).isNull();
        assertThat(pod.status().podIPs()).isNull();
    }

    // Update

    @Test
    void updateValidatesTheSpecLikeCreate() {
        InvalidObjectException e = rejectionOf(() -> new UpdatePod(
                "default",
                "web-0",
                null,
                null,
                containers(new Container("app", null, null), new Container("app", null, null)),
                "uid-1",
                4L));

        assertThat(e.violations())
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.containers[1].name", Type.FieldValueDuplicate));
    }

    @Test
    void updateDefaultsTheSpecLikeCreate() {
        UpdatePod pod = new UpdatePod(
                "default", "web-0", null, null, ports(new ContainerPort("http", 8080, null)), "uid-1", 4L);

        assertThat(pod.spec().containers().get(0).ports().get(0).protocol()).isEqualTo("TCP");
    }

    @Test
    void statusUpdateValidatesAndDefaultsTheAddresses() {
        InvalidObjectException e = rejectionOf(() -> new UpdatePodStatus(
                "default", "web-0", new PodStatus("10.0.0.1", List.of(new PodIP("10.0.0.2"))), null, null));
        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("status.podIPs[0].ip");

        UpdatePodStatus ok = new UpdatePodStatus("default", "web-0", new PodStatus("fd00:0:0::1", null), null, null);
        assertThat(ok.status()).isEqualTo(new PodStatus("fd00::1", List.of(new PodIP("fd00::1"))));
    }
}
