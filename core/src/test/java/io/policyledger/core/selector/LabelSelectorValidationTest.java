package io.policyledger.core.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.policyledger.core.validation.FieldViolation;
import io.policyledger.core.validation.FieldViolation.Type;
import io.policyledger.core.validation.Violations;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorValidationTest {

    private static final String PATH = "spec.podSelector";

    private static LabelSelectorRequirement expression(String key, String operator, String... values) {
        return new LabelSelectorRequirement(key, operator, values.length == 0 ? null : Arrays.asList(values));
    }

    private static List<FieldViolation> violationsOf(LabelSelector selector) {
        Violations v = new Violations();
        LabelSelectorValidation.validate(v, PATH, selector);
        return v.list();
    }

    private static List<FieldViolation> violationsOf(LabelSelectorRequirement... expressions) {
        return violationsOf(new LabelSelector(null, List.of(expressions)));
    }

    @Test
    void validSelectorHasNoViolations() {
        assertThat(violationsOf(new LabelSelector(
                        Map.of("app.kubernetes.io/name", "web"),
                        List.of(
                                expression("env", "In", "prod", "staging"),
                                expression("tier", "NotIn", "db"),
                                expression("owner", "Exists"),
                                expression("canary", "DoesNotExist")))))
                .isEmpty();
    }

    @Test
    void absentSelectorHasNoViolations() {
        assertThat(violationsOf((LabelSelector) null)).isEmpty();
    }

    @Test
    void inWithoutValuesIsRequiredToHaveThem() {
        assertThat(violationsOf(expression("env", "In")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.podSelector.matchExpressions[0].values", Type.FieldValueRequired));
    }

    @Test
    void notInWithAnEmptyValueListIsRequiredToHaveValues() {
        assertThat(violationsOf(new LabelSelectorRequirement("env", "NotIn", List.of())))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.podSelector.matchExpressions[0].values", Type.FieldValueRequired));
    }

    @Test
    void existsWithValuesIsForbidden() {
        assertThat(violationsOf(expression("canary", "Exists", "true")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.podSelector.matchExpressions[0].values", Type.FieldValueForbidden));
    }

    @Test
    void doesNotExistWithValuesIsForbidden() {
        assertThat(violationsOf(expression("canary", "DoesNotExist", "true")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.podSelector.matchExpressions[0].values", Type.FieldValueForbidden));
    }

    @Test
    void existsWithAnEmptyValueListIsAccepted() {
        assertThat(violationsOf(new LabelSelectorRequirement("canary", "Exists", List.of())))
                .isEmpty();
    }

    @Test
    void unknownOperatorIsNotSupported() {
        List<FieldViolation> violations = violationsOf(expression("env", "Equals", "prod"));

        assertThat(violations)
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.podSelector.matchExpressions[0].operator", Type.FieldValueNotSupported));
        assertThat(violations.get(0).message())
                .contains("\"Equals\"")
                .contains("\"In\"", "\"NotIn\"", "\"Exists\"", "\"DoesNotExist\"");
    }

    @Test
    void operatorsAreCaseSensitive() {
        assertThat(violationsOf(expression("env", "in", "prod")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.podSelector.matchExpressions[0].operator", Type.FieldValueNotSupported));
    }

    @Test
    void missingOperatorIsRequired() {
        assertThat(violationsOf(expression("env", null, "prod")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.podSelector.matchExpressions[0].operator", Type.FieldValueRequired));
    }

    @Test
    void missingKeyIsRequired() {
        assertThat(violationsOf(expression("", "Exists")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.podSelector.matchExpressions[0].key", Type.FieldValueRequired));
    }

    @Test
    void keyThatIsNotAQualifiedNameIsInvalid() {
        assertThat(violationsOf(expression("-env", "Exists")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.podSelector.matchExpressions[0].key", Type.FieldValueInvalid));
    }

    @Test
    void invalidValueIsReportedAtItsIndex() {
        assertThat(violationsOf(expression("env", "In", "prod", "-bad")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.podSelector.matchExpressions[0].values[1]", Type.FieldValueInvalid));
    }

    @Test
    void violationsArePlacedAtTheIndexOfTheOffendingExpression() {
        assertThat(violationsOf(expression("env", "In", "prod"), expression("tier", "Exists", "web")))
                .extracting(FieldViolation::field)
                .containsExactly("spec.podSelector.matchExpressions[1].values");
    }

    @Test
    void everyBadExpressionIsReported() {
        assertThat(violationsOf(expression("env", "In"), expression("tier", "Bogus"), expression("-x", "Exists")))
                .extracting(FieldViolation::field)
                .containsExactlyInAnyOrder(
                        "spec.podSelector.matchExpressions[0].values",
                        "spec.podSelector.matchExpressions[1].operator",
                        "spec.podSelector.matchExpressions[2].key");
    }

    @Test
    void badMatchLabelsKeyIsReportedUnderMatchLabels() {
        assertThat(violationsOf(new LabelSelector(Map.of("bad key", "web"), null)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.podSelector.matchLabels", Type.FieldValueInvalid));
    }

    @Test
    void badMatchLabelsValueIsReportedUnderMatchLabels() {
        assertThat(violationsOf(new LabelSelector(Map.of("app", "web-"), null)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("spec.podSelector.matchLabels", Type.FieldValueInvalid));
    }

    @Test
    void violationsCarryTheGivenPath() {
        Violations v = new Violations();

        LabelSelectorValidation.validate(
                v,
                "spec.ingress[0].from[1].namespaceSelector",
                new LabelSelector(null, List.of(expression("env", "In"))));

        assertThat(v.list())
                .extracting(FieldViolation::field)
                .containsExactly("spec.ingress[0].from[1].namespaceSelector.matchExpressions[0].values");
    }
}
