package io.policyledger.core.networkpolicy.alpha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.policyledger.core.networkpolicy.IntOrString;
import io.policyledger.core.object.Kind;
import io.policyledger.core.validation.FieldViolation;
import io.policyledger.core.validation.FieldViolation.Type;
import io.policyledger.core.validation.InvalidObjectException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlphaNetworkPolicyCommandsTest {

    private static CreateAlphaNetworkPolicy create(AlphaNetworkPolicySpec spec) {
        return new CreateAlphaNetworkPolicy("shop", "db-from-web", "uid-1", Map.of(), Map.of(), spec);
    }

    private static AlphaNetworkPolicySpec allowing(List<AlphaPeer> from, List<AlphaPort> ports) {
        return new AlphaNetworkPolicySpec(Map.of("app", "db"), new AllowIncoming(from, ports));
    }

    private static List<FieldViolation> violationsOf(AlphaNetworkPolicySpec spec) {
        InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class, () -> create(spec));
        assertThat(e).as("the command should have been refused").isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.ALPHA_NETWORK_POLICY);
        return e.violations();
    }

    @Test
    void theSeedsFormatIsAcceptedAndPortsDefaultToTcp() {
        CreateAlphaNetworkPolicy command = create(allowing(
                List.of(new AlphaPeer(Map.of("app", "web"), null), new AlphaPeer(null, Map.of("team", "ops"))),
                List.of(new AlphaPort(IntOrString.of(5432), null), new AlphaPort(IntOrString.of("dns"), "UDP"))));

        assertThat(command.spec().allowIncoming().toPorts())
                .containsExactly(
                        new AlphaPort(IntOrString.of(5432), "TCP"), new AlphaPort(IntOrString.of("dns"), "UDP"));
        assertThat(command.key().aggregateId()).isEqualTo("networkpolicys/shop/db-from-web");
    }

    @Test
    void omittedPartsMeanEveryoneAndEveryPort() {
        AlphaNetworkPolicySpec open = new AlphaNetworkPolicySpec(null, new AllowIncoming(null, null));

        assertThat(create(open).spec()).isEqualTo(open);
    }

    @Test
    void aPeerNamesPodsOrNamespacesButNotBothOrNeither() {
        assertThat(violationsOf(allowing(
                        List.of(new AlphaPeer(Map.of("a", "b"), Map.of("c", "d")), new AlphaPeer(null, null)), null)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(
                        tuple("spec.allowIncoming.from[0]", Type.FieldValueInvalid),
                        tuple("spec.allowIncoming.from[1]", Type.FieldValueInvalid));
    }

    @Test
    void portsProtocolsAndLabelsAreValidatedFieldByField() {
        List<FieldViolation> violations = violationsOf(new AlphaNetworkPolicySpec(
                Map.of("bad key!", "x"),
                new AllowIncoming(
                        List.of(new AlphaPeer(null, Map.of("team", "no spaces"))),
                        List.of(
                                new AlphaPort(IntOrString.of(0), "TCP"),
                                new AlphaPort(IntOrString.of(80), "SCTP"),
                                new AlphaPort(IntOrString.of("Not_A_Name"), null)))));

        assertThat(violations)
                .extracting(FieldViolation::field, FieldViolation::type)
                .contains(
                        tuple("spec.allowIncoming.toPorts[0].port", Type.FieldValueInvalid),
                        tuple("spec.allowIncoming.toPorts[1].protocol", Type.FieldValueNotSupported),
                        tuple("spec.allowIncoming.toPorts[2].port", Type.FieldValueInvalid));
        assertThat(violations)
                .extracting(FieldViolation::field)
                .anyMatch(f -> f.startsWith("spec.podSelector"))
                .anyMatch(f -> f.startsWith("spec.allowIncoming.from[0].namespaces"));
    }

    @Test
    void aSpecIsRequired() {
        assertThat(violationsOf(null)).extracting(FieldViolation::field).containsExactly("spec");
    }
}
