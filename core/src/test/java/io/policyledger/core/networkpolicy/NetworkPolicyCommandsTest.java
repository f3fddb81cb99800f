package io.policyledger.core.networkpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.policyledger.core.object.Kind;
import io.policyledger.core.selector.LabelSelector;
import io.policyledger.core.selector.LabelSelectorRequirement;
import io.policyledger.core.validation.FieldViolation;
import io.policyledger.core.validation.FieldViolation.Type;
import io.policyledger.core.validation.InvalidObjectException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkPolicyCommandsTest {

    private static final LabelSelector WEB = new LabelSelector(Map.of("app", "web"), null);

    // Builders for the smallest specs that isolate one field.

    private static CreateNetworkPolicy create(NetworkPolicySpec spec) {
        return create("web", Map.of(), spec);
    }

    private static CreateNetworkPolicy create(String name, Map<String, String> labels, NetworkPolicySpec spec) {
        return new CreateNetworkPolicy("default", name, "uid-1", labels, Map.of(), spec);
    }

    private static NetworkPolicySpec ingress(NetworkPolicyIngressRule... rules) {
        return new NetworkPolicySpec(WEB, List.of(rules), null, null);
    }

    private static NetworkPolicySpec ingressOnPort(NetworkPolicyPort port) {
        return ingress(new NetworkPolicyIngressRule(List.of(port), null));
    }

    private static NetworkPolicySpec ingressFrom(NetworkPolicyPeer peer) {
        return ingress(new NetworkPolicyIngressRule(null, List.of(peer)));
    }

    private static NetworkPolicySpec ingressFromBlock(String cidr, String... except) {
        return ingressFrom(
                new NetworkPolicyPeer(null, null, new IPBlock(cidr, except.length == 0 ? null : List.of(except))));
    }

    private static NetworkPolicySpec withPolicyTypes(String... types) {
        return new NetworkPolicySpec(WEB, null, null, Arrays.asList(types));
    }

    private static NetworkPolicyPort tcp(int port) {
        return new NetworkPolicyPort("TCP", IntOrString.of(port), null);
    }

    private static InvalidObjectException rejectionOf(Runnable command) {
        InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class, command::run);
        assertThat(e).as("the command should have been refused").isNotNull();
        return e;
    }

    private static List<FieldViolation> violationsOf(NetworkPolicySpec spec) {
        return rejectionOf(() -> create(spec)).violations();
    }

    private static NetworkPolicyPeer onlyIngressPeer(NetworkPolicySpec spec) {
        return spec.ingress().get(0).from().get(0);
    }

    // Ports

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void portOutsideOneTo65535IsRejected(int port) {
        assertThat(violationsOf(ingressOnPort(tcp(port))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.ingress[0].ports[0].port", Type.FieldValueInvalid));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 65535})
    void portsOneAnd65535AreAccepted(int port) {
        assertThatCode(() -> create(ingressOnPort(tcp(port)))).doesNotThrowAnyException();
    }

    @Test
    void endPortBelowPortIsRejected() {
        assertThat(violationsOf(ingressOnPort(new NetworkPolicyPort("TCP", IntOrString.of(8080), 8000))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.ingress[0].ports[0].endPort", Type.FieldValueInvalid));
    }

    @Test
    void endPortEqualToPortIsAccepted() {
        assertThatCode(() -> create(ingressOnPort(new NetworkPolicyPort("TCP", IntOrString.of(8080), 8080))))
                .doesNotThrowAnyException();
    }

    @Test
    void portRangeIsAccepted() {
        assertThatCode(() -> create(ingressOnPort(new NetworkPolicyPort("TCP", IntOrString.of(32000), 32768))))
                .doesNotThrowAnyException();
    }

    @Test
    void endPortAbove65535IsRejected() {
        assertThat(violationsOf(ingressOnPort(new NetworkPolicyPort("TCP", IntOrString.of(80), 65536))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.ingress[0].ports[0].endPort", Type.FieldValueInvalid));
    }

    @Test
    void endPortWithNamedPortIsRejected() {
        assertThat(violationsOf(ingressOnPort(new NetworkPolicyPort("TCP", IntOrString.of("http"), 8080))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.ingress[0].ports[0].endPort", Type.FieldValueInvalid));
    }

    @Test
    void endPortWithoutPortIsRejected() {
        assertThat(violationsOf(ingressOnPort(new NetworkPolicyPort("TCP", null, 8080))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.ingress[0].ports[0].endPort", Type.FieldValueInvalid));
    }

    @Test
    void protocolWithoutPortMeansEveryPortAndIsAccepted() {
        assertThatCode(() -> create(ingressOnPort(new NetworkPolicyPort("UDP", null, null))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ICMP", "tcp", "", "HTTP"})
    void protocolOtherThanTcpUdpOrSctpIsNotSupported(String protocol) {
        assertThat(violationsOf(ingressOnPort(new NetworkPolicyPort(protocol, IntOrString.of(80), null))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.ingress[0].ports[0].protocol", Type.FieldValueNotSupported));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCP", "UDP", "SCTP"})
    void tcpUdpAndSctpAreSupported(String protocol) {
        assertThatCode(() -> create(ingressOnPort(new NetworkPolicyPort(protocol, IntOrString.of(53), null))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP", "http_alt", "web--api", "-http", "8080", "a-very-long-port-name", ""})
    void namedPortMustBeAnIanaServiceName(String name) {
        assertThat(violationsOf(ingressOnPort(new NetworkPolicyPort("TCP", IntOrString.of(name), null))))
                .isNotEmpty()
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsOnly(tuple("spec.ingress[0].ports[0].port", Type.FieldValueInvalid));
    }

    @Test
    void namedPortIsAccepted() {
        assertThatCode(() -> create(ingressOnPort(new NetworkPolicyPort("TCP", IntOrString.of("http-alt"), null))))
                .doesNotThrowAnyException();
    }

    @Test
    void egressPortViolationsAreReportedUnderEgress() {
        NetworkPolicySpec spec = new NetworkPolicySpec(
                WEB, null, List.of(new NetworkPolicyEgressRule(List.of(tcp(443), tcp(0)), null)), null);

        assertThat(violationsOf(spec))
                .extracting(FieldViolation::field)
                .containsExactly("spec.egress[0].ports[1].port");
    }

    // Peers

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "not-a-cidr", "10.0.0.0", "010.0.0.0/8", "10.0.0.0/08", "::/129"})
    void ipBlockWithBadCidrIsRejected(String cidr) {
        assertThat(violationsOf(ingressFromBlock(cidr)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.ingress[0].from[0].ipBlock.cidr", Type.FieldValueInvalid));
    }

    @Test
    void ipBlockWithoutCidrIsRequired() {
        assertThat(violationsOf(ingressFromBlock("")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.ingress[0].from[0].ipBlock.cidr", Type.FieldValueRequired));
    }

    @Test
    void exceptStrictlyInsideTheCidrIsAccepted() {
        assertThatCode(() -> create(ingressFromBlock("10.0.0.0/8", "10.1.0.0/16", "10.2.3.4/32")))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "except {0} of 10.0.0.0/16")
    @ValueSource(strings = {"10.0.0.0/16", "10.0.5.5/16", "10.1.0.0/24", "10.0.0.0/8", "0.0.0.0/0", "fd00::/64"})
    void exceptThatIsNotAStrictSubsetOfTheCidrIsRejected(String except) {
        assertThat(violationsOf(ingressFromBlock("10.0.0.0/16", except)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.ingress[0].from[0].ipBlock.except[0]", Type.FieldValueInvalid));
    }

    @Test
    void exceptThatIsNotACidrIsRejected() {
        assertThat(violationsOf(ingressFromBlock("10.0.0.0/8", "10.1.0.0/16", "10.2.0.0")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.ingress[0].from[0].ipBlock.except[1]", Type.FieldValueInvalid));
    }

    @Test
    void ipBlockCombinedWithPodSelectorIsForbidden() {
        NetworkPolicyPeer peer = new NetworkPolicyPeer(WEB, null, new IPBlock("10.0.0.0/8", null));

        assertThat(violationsOf(ingressFrom(peer)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.ingress[0].from[0]", Type.FieldValueForbidden));
    }

    @Test
    void ipBlockCombinedWithNamespaceSelectorIsForbidden() {
        NetworkPolicyPeer peer = new NetworkPolicyPeer(null, LabelSelector.EVERYTHING, new IPBlock("10.0.0.0/8", null));

        assertThat(violationsOf(ingressFrom(peer)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.ingress[0].from[0]", Type.FieldValueForbidden));
    }

    @Test
    void podSelectorCombinedWithNamespaceSelectorIsAccepted() {
        NetworkPolicyPeer peer = new NetworkPolicyPeer(WEB, new LabelSelector(Map.of("team", "a"), null), null);

        assertThatCode(() -> create(ingressFrom(peer))).doesNotThrowAnyException();
    }

    @Test
    void emptyPeerIsRequiredToNameSomething() {
        assertThat(violationsOf(ingressFrom(new NetworkPolicyPeer(null, null, null))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.ingress[0].from[0]", Type.FieldValueRequired));
    }

    @Test
    void egressPeersAreReportedUnderTo() {
        NetworkPolicySpec spec = new NetworkPolicySpec(
                WEB,
                null,
                List.of(new NetworkPolicyEgressRule(
                        null,
                        List.of(new NetworkPolicyPeer(WEB, null, null), new NetworkPolicyPeer(null, null, null)))),
                null);

        assertThat(violationsOf(spec)).extracting(FieldViolation::field).containsExactly("spec.egress[0].to[1]");
    }

    @Test
    void badPeerSelectorIsReportedAtItsPath() {
        LabelSelector bad = new LabelSelector(null, List.of(new LabelSelectorRequirement("team", "In", null)));

        assertThat(violationsOf(ingressFrom(new NetworkPolicyPeer(null, bad, null))))
                .extracting(FieldViolation::field)
                .containsExactly("spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values");
    }

    @Test
    void badPodSelectorOfThePolicyIsReportedAtItsPath() {
        LabelSelector bad =
                new LabelSelector(null, List.of(new LabelSelectorRequirement("app", "Exists", List.of("web"))));

        assertThat(violationsOf(new NetworkPolicySpec(bad, null, null, null)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.podSelector.matchExpressions[0].values", Type.FieldValueForbidden));
    }

    // Policy types

    @Test
    void unknownPolicyTypeIsNotSupported() {
        assertThat(violationsOf(withPolicyTypes("Ingress", "Both")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.policyTypes[1]", Type.FieldValueNotSupported));
    }

    @Test
    void policyTypesAreCaseSensitive() {
        assertThat(violationsOf(withPolicyTypes("ingress")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.policyTypes[0]", Type.FieldValueNotSupported));
    }

    @Test
    void moreThanTwoPolicyTypesAreRejectedAsOneViolation() {
        assertThat(violationsOf(withPolicyTypes("Ingress", "Egress", "Bogus")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.policyTypes", Type.FieldValueInvalid));
    }

    // Metadata

    @ParameterizedTest
    @ValueSource(strings = {"Web", "web_policy", "-web", "web.", "web policy"})
    void badNameIsReportedUnderMetadataName(String name) {
        assertThat(rejectionOf(() -> create(name, Map.of(), ingress())).violations())
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("metadata.name", Type.FieldValueInvalid));
    }

    @Test
    void dottedNameIsAcceptedForPolicies() {
        assertThatCode(() -> create("web.v2", Map.of(), ingress())).doesNotThrowAnyException();
    }

    @Test
    void missingNameIsRequired() {
        assertThat(rejectionOf(() -> create(null, Map.of(), ingress())).violations())
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("metadata.name", Type.FieldValueRequired));
    }

    @Test
    void badNamespaceIsReportedUnderMetadataNamespace() {
        InvalidObjectException e =
                rejectionOf(() -> new CreateNetworkPolicy("a.b", "web", "uid-1", null, null, ingress()));

        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("metadata.namespace");
    }

    @Test
    void badLabelKeyIsReportedUnderMetadataLabels() {
        assertThat(rejectionOf(() -> create("web", Map.of("-team", "a"), ingress()))
                        .violations())
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("metadata.labels", Type.FieldValueInvalid));
    }

    @Test
    void badLabelValueIsReportedUnderMetadataLabels() {
        assertThat(rejectionOf(() -> create("web", Map.of("team", "a b"), ingress()))
                        .violations())
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("metadata.labels", Type.FieldValueInvalid));
    }

    @Test
    void missingSpecIsRequired() {
        assertThat(violationsOf(null))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec", Type.FieldValueRequired));
    }

    // All problems at once

    @Test
    void severalBadFieldsAreReportedOneViolationEach() {
        NetworkPolicySpec spec = new NetworkPolicySpec(
                new LabelSelector(null, List.of(new LabelSelectorRequirement("app", "Equals", List.of("web")))),
                List.of(new NetworkPolicyIngressRule(
                        List.of(tcp(0), new NetworkPolicyPort("ICMP", IntOrString.of(80), null)),
                        List.of(new NetworkPolicyPeer(
                                null, null, new IPBlock("10.0.0.0/16", List.of("10.0.0.0/16")))))),
                List.of(new NetworkPolicyEgressRule(
                        List.of(new NetworkPolicyPort("TCP", IntOrString.of("dns"), 53)),
                        List.of(new NetworkPolicyPeer(null, null, null)))),
                List.of("Ingress", "Sideways"));

        InvalidObjectException e = rejectionOf(() -> create("Bad_Name", Map.of("team", "-x"), spec));

        assertThat(e.violations())
                .extracting(FieldViolation::field)
                .containsExactlyInAnyOrder(
                        "metadata.name",
                        "metadata.labels",
                        "spec.podSelector.matchExpressions[0].operator",
                        "spec.ingress[0].ports[0].port",
                        "spec.ingress[0].ports[1].protocol",
                        "spec.ingress[0].from[0].ipBlock.except[0]",
                        "spec.egress[0].ports[0].endPort",
                        "spec.egress[0].to[0]",
                        "spec.policyTypes[1]");
    }

    @Test
    void refusalNamesTheKindThePolicyAndTheFieldLikeKubernetes() {
        InvalidObjectException e = rejectionOf(() -> create(ingressOnPort(tcp(0))));

        assertThat(e.kind()).isEqualTo(Kind.NETWORK_POLICY);
        assertThat(e.name()).isEqualTo("web");
        assertThat(e)
                .hasMessage("NetworkPolicy.networking.k8s.io \"web\" is invalid: "
                        + "spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive");
    }

    // Defaulting

    @Test
    void protocolDefaultsToTcp() {
        CreateNetworkPolicy command = create(new NetworkPolicySpec(
                WEB,
                List.of(new NetworkPolicyIngressRule(
                        List.of(new NetworkPolicyPort(null, IntOrString.of(80), null)), null)),
                List.of(new NetworkPolicyEgressRule(List.of(new NetworkPolicyPort(null, null, null)), null)),
                null));

        assertThat(command.spec().ingress().get(0).ports().get(0).protocol()).isEqualTo("TCP");
        assertThat(command.spec().egress().get(0).ports().get(0).protocol()).isEqualTo("TCP");
    }

    @Test
    void explicitProtocolIsKept() {
        CreateNetworkPolicy command = create(ingressOnPort(new NetworkPolicyPort("UDP", IntOrString.of(53), null)));

        assertThat(command.spec().ingress().get(0).ports().get(0))
                .isEqualTo(new NetworkPolicyPort("UDP", IntOrString.of(53), null));
    }

    @Test
    void policyTypesDefaultToIngressWithoutEgressRules() {
        CreateNetworkPolicy command = create(ingress(new NetworkPolicyIngressRule(null, null)));

        assertThat(command.spec().policyTypes()).containsExactly("Ingress");
    }

    @Test
    void policyTypesDefaultToIngressAndEgressWhenEgressRulesArePresent() {
        CreateNetworkPolicy command =
                create(new NetworkPolicySpec(WEB, null, List.of(new NetworkPolicyEgressRule(null, null)), null));

        assertThat(command.spec().policyTypes()).containsExactly("Ingress", "Egress");
    }

    @Test
    void emptyEgressListDoesNotAddEgressToDefaultPolicyTypes() {
        CreateNetworkPolicy command = create(new NetworkPolicySpec(WEB, null, List.of(), null));

        assertThat(command.spec().policyTypes()).containsExactly("Ingress");
    }

    @Test
    void emptyPolicyTypesAreDefaultedLikeMissingOnes() {
        CreateNetworkPolicy command =
                create(new NetworkPolicySpec(WEB, null, List.of(new NetworkPolicyEgressRule(null, null)), List.of()));

        assertThat(command.spec().policyTypes()).containsExactly("Ingress", "Egress");
    }

    @Test
    void explicitPolicyTypesAreKept() {
        CreateNetworkPolicy command = create(
                new NetworkPolicySpec(WEB, List.of(new NetworkPolicyIngressRule(null, null)), null, List.of("Egress")));

        assertThat(command.spec().policyTypes()).containsExactly("Egress");
    }

    @Test
    void cidrAndExceptAreStoredInNetworkForm() {
        CreateNetworkPolicy command = create(ingressFromBlock("10.1.2.3/16", "10.1.2.3/24", "10.1.9.9/32"));

        assertThat(onlyIngressPeer(command.spec()).ipBlock())
                .isEqualTo(new IPBlock("10.1.0.0/16", List.of("10.1.2.0/24", "10.1.9.9/32")));
    }

    @Test
    void ipv6CidrIsStoredInCanonicalNetworkForm() {
        CreateNetworkPolicy command = create(ingressFromBlock("2001:DB8:0:0::1/32", "2001:db8:0001::5/48"));

        assertThat(onlyIngressPeer(command.spec()).ipBlock())
                .isEqualTo(new IPBlock("2001:db8::/32", List.of("2001:db8:1::/48")));
    }

    @Test
    void missingPodSelectorBecomesTheEmptySelector() {
        CreateNetworkPolicy command = create(new NetworkPolicySpec(null, null, null, null));

        assertThat(command.spec().podSelector()).isEqualTo(LabelSelector.EVERYTHING);
        assertThat(command.spec().podSelector().matches(Map.of("any", "pod"))).isTrue();
    }

    @Test
    void missingAndEmptyRuleListsStayDistinct() {
        CreateNetworkPolicy command = create(new NetworkPolicySpec(WEB, List.of(), null, null));

        assertThat(command.spec().ingress()).isEmpty();
        assertThat(command.spec().egress()).isNull();
    }

    @Test
    void missingAndEmptyPortAndPeerListsStayDistinct() {
        CreateNetworkPolicy command = create(ingress(new NetworkPolicyIngressRule(List.of(), null)));

        assertThat(command.spec().ingress().get(0).ports()).isEmpty();
        assertThat(command.spec().ingress().get(0).from()).isNull();
    }

    @Test
    void selectorPeersAreKeptAsGiven() {
        NetworkPolicyPeer peer = new NetworkPolicyPeer(WEB, new LabelSelector(Map.of("team", "a"), null), null);

        assertThat(onlyIngressPeer(create(ingressFrom(peer)).spec())).isEqualTo(peer);
    }

    @Test
    void missingLabelsAndAnnotationsBecomeEmpty() {
        CreateNetworkPolicy command = new CreateNetworkPolicy("default", "web", "uid-1", null, null, ingress());

        assertThat(command.labels()).isEmpty();
        assertThat(command.annotations()).isEmpty();
    }

    // Replace

    @Test
    void replaceValidatesLikeCreate() {
        InvalidObjectException e = rejectionOf(() -> new ReplaceNetworkPolicy(
                "default",
                "web",
                null,
                null,
                ingressOnPort(new NetworkPolicyPort("TCP", IntOrString.of(8080), 80)),
                "uid-1",
                3L));

        assertThat(e.violations())
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.ingress[0].ports[0].endPort", Type.FieldValueInvalid));
    }

    @Test
    void replaceDefaultsLikeCreate() {
        ReplaceNetworkPolicy command = new ReplaceNetworkPolicy(
                "default",
                "web",
                null,
                null,
                new NetworkPolicySpec(
                        null,
                        null,
                        List.of(new NetworkPolicyEgressRule(
                                List.of(new NetworkPolicyPort(null, IntOrString.of(53), null)),
                                List.of(new NetworkPolicyPeer(null, null, new IPBlock("10.9.8.7/24", null))))),
                        null),
                "uid-1",
                3L);

        assertThat(command.spec())
                .isEqualTo(new NetworkPolicySpec(
                        LabelSelector.EVERYTHING,
                        null,
                        List.of(new NetworkPolicyEgressRule(
                                List.of(new NetworkPolicyPort("TCP", IntOrString.of(53), null)),
                                List.of(new NetworkPolicyPeer(null, null, new IPBlock("10.9.8.0/24", null))))),
                        List.of("Ingress", "Egress")));
    }

    @Test
    void replaceCarriesItsPreconditions() {
        ReplaceNetworkPolicy command = new ReplaceNetworkPolicy("default", "web", null, null, ingress(), "uid-1", 3L);

        assertThat(command.expectedUid()).isEqualTo("uid-1");
        assertThat(command.expectedVersion()).isEqualTo(3L);
        assertThat(command.isCreation()).isFalse();
    }
}
