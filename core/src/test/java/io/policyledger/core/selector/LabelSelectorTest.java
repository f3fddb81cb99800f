package io.policyledger.core.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private static LabelSelectorRequirement expression(String key, String operator, String... values) {
        return new LabelSelectorRequirement(key, operator, values.length == 0 ? null : List.of(values));
    }

    @Test
    void emptySelectorMatchesEverything() {
        assertThat(LabelSelector.EVERYTHING.matches(Map.of())).isTrue();
        assertThat(LabelSelector.EVERYTHING.matches(Map.of("app", "web"))).isTrue();
    }

    @Test
    void selectorWithEmptyLabelsAndExpressionsMatchesEverything() {
        LabelSelector empty = new LabelSelector(Map.of(), List.of());

        assertThat(empty.matches(Map.of())).isTrue();
        assertThat(empty.matches(Map.of("app", "web"))).isTrue();
    }

    @Test
    void matchLabelsRequireEveryLabelWithItsValue() {
        LabelSelector selector = new LabelSelector(Map.of("app", "web", "env", "prod"), null);

        assertThat(selector.matches(Map.of("app", "web", "env", "prod", "extra", "x")))
                .isTrue();
        assertThat(selector.matches(Map.of("app", "web"))).isFalse();
        assertThat(selector.matches(Map.of("app", "web", "env", "dev"))).isFalse();
    }

    @Test
    void matchLabelsAndMatchExpressionsMustBothHold() {
        LabelSelector selector =
                new LabelSelector(Map.of("app", "web"), List.of(expression("env", "In", "prod", "staging")));

        assertThat(selector.matches(Map.of("app", "web", "env", "staging"))).isTrue();
        assertThat(selector.matches(Map.of("app", "web", "env", "dev"))).isFalse();
        assertThat(selector.matches(Map.of("app", "db", "env", "prod"))).isFalse();
    }

    @Test
    void notInExpressionMatchesObjectsWithoutTheKey() {
        LabelSelector selector = new LabelSelector(null, List.of(expression("env", "NotIn", "dev")));

        assertThat(selector.matches(Map.of("app", "web"))).isTrue();
        assertThat(selector.matches(Map.of("env", "dev"))).isFalse();
    }

    @Test
    void doesNotExistExpressionMatchesObjectsWithoutTheKey() {
        LabelSelector selector = new LabelSelector(null, List.of(expression("canary", "DoesNotExist")));

        assertThat(selector.matches(Map.of())).isTrue();
        assertThat(selector.matches(Map.of("canary", "true"))).isFalse();
    }

    @Test
    void existsExpressionRequiresTheKey() {
        LabelSelector selector = new LabelSelector(null, List.of(expression("canary", "Exists")));

        assertThat(selector.matches(Map.of("canary", ""))).isTrue();
        assertThat(selector.matches(Map.of())).isFalse();
    }

    @Test
    void inExpressionRequiresTheKey() {
        LabelSelector selector = new LabelSelector(null, List.of(expression("env", "In", "prod")));

        assertThat(selector.matches(Map.of())).isFalse();
    }

    @Test
    void everyExpressionMustHold() {
        LabelSelector selector = new LabelSelector(
                null,
                List.of(
                        expression("env", "In", "prod"),
                        expression("tier", "NotIn", "db"),
                        expression("owner", "Exists")));

        assertThat(selector.matches(Map.of("env", "prod", "owner", "ops"))).isTrue();
        assertThat(selector.matches(Map.of("env", "prod", "owner", "ops", "tier", "db")))
                .isFalse();
        assertThat(selector.matches(Map.of("env", "prod"))).isFalse();
    }

    @Test
    void wireOperatorsTranslateToRequirements() {
        LabelSelector selector = new LabelSelector(
                Map.of("app", "web"),
                List.of(
                        expression("env", "In", "prod"),
                        expression("tier", "NotIn", "db"),
                        expression("owner", "Exists"),
                        expression("canary", "DoesNotExist")));

        assertThat(selector.requirements())
                .containsExactly(
                        new Requirement("app", Operator.IN, List.of("web")),
                        new Requirement("env", Operator.IN, List.of("prod")),
                        new Requirement("tier", Operator.NOT_IN, List.of("db")),
                        new Requirement("owner", Operator.EXISTS, List.of()),
                        new Requirement("canary", Operator.DOES_NOT_EXIST, List.of()));
    }

    @Test
    void selectorsWithTheSameLabelsInAnotherOrderAreEqual() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");

        assertThat(new LabelSelector(ab, null)).isEqualTo(new LabelSelector(ba, null));
        assertThat(new LabelSelector(ba, null).matchLabels().keySet()).containsExactly("a", "b");
    }

    @Test
    void selectorIsNotChangedByLaterChangesToTheGivenMap() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", "web");
        LabelSelector selector = new LabelSelector(labels, null);

        labels.put("app", "db");

        assertThat(selector.matches(Map.of("app", "web"))).isTrue();
    }
}
