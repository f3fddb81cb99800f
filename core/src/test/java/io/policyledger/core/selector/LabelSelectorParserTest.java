package io.policyledger.core.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorParserTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t"})
    void blankSelectorHasNoRequirementsAndSoSelectsEverything(String text) {
        assertThat(LabelSelectorParser.parse(text)).isEmpty();
    }

    @Test
    void singleEqualsSignMeansEquals() {
        assertThat(LabelSelectorParser.parse("app=web"))
                .containsExactly(new Requirement("app", Operator.EQUALS, List.of("web")));
    }

    @Test
    void doubleEqualsSignMeansEquals() {
        assertThat(LabelSelectorParser.parse("app==web"))
                .containsExactly(new Requirement("app", Operator.EQUALS, List.of("web")));
    }

    @Test
    void bangEqualsMeansNotEquals() {
        assertThat(LabelSelectorParser.parse("app!=web"))
                .containsExactly(new Requirement("app", Operator.NOT_EQUALS, List.of("web")));
    }

    @Test
    void inTakesAParenthesizedSetOfValues() {
        assertThat(LabelSelectorParser.parse("tier in (web,api)"))
                .containsExactly(new Requirement("tier", Operator.IN, List.of("web", "api")));
    }

    @Test
    void notInTakesAParenthesizedSetOfValues() {
        assertThat(LabelSelectorParser.parse("tier notin (db)"))
                .containsExactly(new Requirement("tier", Operator.NOT_IN, List.of("db")));
    }

    @Test
    void bareKeyMeansTheKeyExists() {
        assertThat(LabelSelectorParser.parse("canary"))
                .containsExactly(new Requirement("canary", Operator.EXISTS, List.of()));
    }

    @Test
    void bangKeyMeansTheKeyDoesNotExist() {
        assertThat(LabelSelectorParser.parse("!canary"))
                .containsExactly(new Requirement("canary", Operator.DOES_NOT_EXIST, List.of()));
    }

    @Test
    void commaSeparatedRequirementsAreAllKeptInOrder() {
        assertThat(LabelSelectorParser.parse("env=prod,tier in (web,api),!canary,owner,zone notin (a),x!=y"))
                .containsExactly(
                        new Requirement("env", Operator.EQUALS, List.of("prod")),
                        new Requirement("tier", Operator.IN, List.of("web", "api")),
                        new Requirement("canary", Operator.DOES_NOT_EXIST, List.of()),
                        new Requirement("owner", Operator.EXISTS, List.of()),
                        new Requirement("zone", Operator.NOT_IN, List.of("a")),
                        new Requirement("x", Operator.NOT_EQUALS, List.of("y")));
    }

    @Test
    void spacesAroundKeysOperatorsValuesAndCommasAreIgnored() {
        assertThat(LabelSelectorParser.parse("  env = prod ,  tier in ( web , api ) , ! canary , owner  ,x != y "))
                .containsExactly(
                        new Requirement("env", Operator.EQUALS, List.of("prod")),
                        new Requirement("tier", Operator.IN, List.of("web", "api")),
                        new Requirement("canary", Operator.DOES_NOT_EXIST, List.of()),
                        new Requirement("owner", Operator.EXISTS, List.of()),
                        new Requirement("x", Operator.NOT_EQUALS, List.of("y")));
    }

    @Test
    void inNeedsNoSpaceBeforeTheParenthesis() {
        assertThat(LabelSelectorParser.parse("tier in(web)"))
                .containsExactly(new Requirement("tier", Operator.IN, List.of("web")));
    }

    @Test
    void keysMayCarryADnsPrefix() {
        assertThat(LabelSelectorParser.parse("app.kubernetes.io/name=web"))
                .containsExactly(new Requirement("app.kubernetes.io/name", Operator.EQUALS, List.of("web")));
    }

    @Test
    void valuesMayUseTheFullLabelValueAlphabet() {
        assertThat(LabelSelectorParser.parse("version=V1.2_3-rc"))
                .containsExactly(new Requirement("version", Operator.EQUALS, List.of("V1.2_3-rc")));
    }

    @Test
    void equalsWithNothingAfterItSelectsTheEmptyValue() {
        assertThat(LabelSelectorParser.parse("app="))
                .containsExactly(new Requirement("app", Operator.EQUALS, List.of("")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a b",
                "===",
                "=b",
                "a,",
                ",a",
                "a,,b",
                "a=b=c",
                "a=b c",
                "a=(b)",
                "a in x",
                "a in",
                "a in (x y)",
                "a notin",
                "a > 1",
                "!",
                "!a=b",
                "a!b",
                "a in (x))",
                "(a)"
            })
    void garbageIsRejected(String text) {
        assertThatThrownBy(() -> LabelSelectorParser.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a in (x", "a in (x,", "a notin (x,y", "a in ("})
    void unclosedParenthesisIsRejected(String text) {
        assertThatThrownBy(() -> LabelSelectorParser.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-app=web",
                "app-=web",
                "a/b/c=d",
                "Example.com/app=web",
                "/app=web",
                "example.com/=web",
                "!-app",
                "-app",
                "app_ in (x)"
            })
    void invalidKeysAreRejected(String text) {
        assertThatThrownBy(() -> LabelSelectorParser.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyLongerThanSixtyThreeCharactersIsRejected() {
        assertThatThrownBy(() -> LabelSelectorParser.parse("a".repeat(64) + "=b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"app=-web", "app=web-", "app=we/b", "app!=.x", "tier in (web,-api)", "tier notin (x_)", "app=w@b"
            })
    void invalidValuesAreRejected(String text) {
        assertThatThrownBy(() -> LabelSelectorParser.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valueLongerThanSixtyThreeCharactersIsRejected() {
        assertThatThrownBy(() -> LabelSelectorParser.parse("app=" + "a".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectionNamesTheOffendingKey() {
        assertThatThrownBy(() -> LabelSelectorParser.parse("env=prod,-app=web"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"-app\"");
    }

    @Test
    void parsedSelectorSelectsObjectsLikeKubernetes() {
        List<Requirement> selector = LabelSelectorParser.parse("env=prod,tier notin (db),!canary");

        assertThat(Requirement.allMatch(selector, Map.of("env", "prod"))).isTrue();
        assertThat(Requirement.allMatch(selector, Map.of("env", "prod", "tier", "web")))
                .isTrue();
        assertThat(Requirement.allMatch(selector, Map.of("env", "prod", "tier", "db")))
                .isFalse();
        assertThat(Requirement.allMatch(selector, Map.of("env", "prod", "canary", "true")))
                .isFalse();
        assertThat(Requirement.allMatch(selector, Map.of("tier", "web"))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void anEmptyValueSetIsRefusedAsKubernetesDoes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabelSelectorParser.parse("a in ()"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("can't be empty");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabelSelectorParser.parse("a notin ( )"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
