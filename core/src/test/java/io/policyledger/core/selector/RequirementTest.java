package io.policyledger.core.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequirementTest {

    private static final Map<String, String> NO_LABELS = Map.of();

    @Test
    void equalsMatchesObjectsWithThatValue() {
        Requirement r = new Requirement("app", Operator.EQUALS, List.of("web"));

        assertThat(r.matches(Map.of("app", "web"))).isTrue();
        assertThat(r.matches(Map.of("app", "db"))).isFalse();
    }

    @Test
    void equalsDoesNotMatchObjectsWithoutTheKey() {
        assertThat(new Requirement("app", Operator.EQUALS, List.of("web")).matches(NO_LABELS))
                .isFalse();
    }

    @Test
    void equalsTheEmptyValueNeedsTheKeyPresentWithAnEmptyValue() {
        Requirement r = new Requirement("app", Operator.EQUALS, List.of(""));

        assertThat(r.matches(Map.of("app", ""))).isTrue();
        assertThat(r.matches(NO_LABELS)).isFalse();
    }

    @Test
    void notEqualsMatchesObjectsWithoutTheKey() {
        assertThat(new Requirement("app", Operator.NOT_EQUALS, List.of("web")).matches(NO_LABELS))
                .isTrue();
    }

    @Test
    void notEqualsMatchesObjectsWithAnotherValue() {
        assertThat(new Requirement("app", Operator.NOT_EQUALS, List.of("web")).matches(Map.of("app", "db")))
                .isTrue();
    }

    @Test
    void notEqualsRejectsObjectsWithThatValue() {
        assertThat(new Requirement("app", Operator.NOT_EQUALS, List.of("web")).matches(Map.of("app", "web")))
                .isFalse();
    }

    @Test
    void inMatchesAnyOfItsValues() {
        Requirement r = new Requirement("tier", Operator.IN, List.of("web", "api"));

        assertThat(r.matches(Map.of("tier", "web"))).isTrue();
        assertThat(r.matches(Map.of("tier", "api"))).isTrue();
        assertThat(r.matches(Map.of("tier", "db"))).isFalse();
    }

    @Test
    void inDoesNotMatchObjectsWithoutTheKey() {
        assertThat(new Requirement("tier", Operator.IN, List.of("web", "api")).matches(NO_LABELS))
                .isFalse();
    }

    @Test
    void notInMatchesObjectsWithoutTheKey() {
        assertThat(new Requirement("tier", Operator.NOT_IN, List.of("db")).matches(NO_LABELS))
                .isTrue();
    }

    @Test
    void notInMatchesObjectsWithAValueOutsideTheSet() {
        assertThat(new Requirement("tier", Operator.NOT_IN, List.of("db", "cache")).matches(Map.of("tier", "web")))
                .isTrue();
    }

    @Test
    void notInRejectsObjectsWithAValueInTheSet() {
        assertThat(new Requirement("tier", Operator.NOT_IN, List.of("db", "cache")).matches(Map.of("tier", "cache")))
                .isFalse();
    }

    @Test
    void existsMatchesTheKeyWithAnyValueEvenEmpty() {
        Requirement r = new Requirement("canary", Operator.EXISTS, List.of());

        assertThat(r.matches(Map.of("canary", "true"))).isTrue();
        assertThat(r.matches(Map.of("canary", ""))).isTrue();
    }

    @Test
    void existsDoesNotMatchObjectsWithoutTheKey() {
        assertThat(new Requirement("canary", Operator.EXISTS, List.of()).matches(Map.of("app", "web")))
                .isFalse();
    }

    @Test
    void doesNotExistMatchesOnlyObjectsWithoutTheKey() {
        Requirement r = new Requirement("canary", Operator.DOES_NOT_EXIST, List.of());

        assertThat(r.matches(Map.of("app", "web"))).isTrue();
        assertThat(r.matches(Map.of("canary", ""))).isFalse();
    }

    @Test
    void keysAreCaseSensitive() {
        assertThat(new Requirement("App", Operator.EXISTS, List.of()).matches(Map.of("app", "web")))
                .isFalse();
    }

    @Test
    void valuesAreCaseSensitive() {
        assertThat(new Requirement("app", Operator.EQUALS, List.of("Web")).matches(Map.of("app", "web")))
                .isFalse();
    }

    @Test
    void missingValuesAreTreatedAsNone() {
        assertThat(new Requirement("canary", Operator.EXISTS, null).values()).isEmpty();
    }

    @Test
    void noRequirementsMatchEveryObject() {
        assertThat(Requirement.allMatch(List.of(), NO_LABELS)).isTrue();
        assertThat(Requirement.allMatch(List.of(), Map.of("app", "web"))).isTrue();
    }

    @Test
    void everyRequirementMustMatch() {
        List<Requirement> all = List.of(
                new Requirement("app", Operator.EQUALS, List.of("web")),
                new Requirement("env", Operator.IN, List.of("prod")));

        assertThat(Requirement.allMatch(all, Map.of("app", "web", "env", "prod")))
                .isTrue();
        assertThat(Requirement.allMatch(all, Map.of("app", "web", "env", "dev")))
                .isFalse();
        assertThat(Requirement.allMatch(all, Map.of("app", "web"))).isFalse();
    }
}
