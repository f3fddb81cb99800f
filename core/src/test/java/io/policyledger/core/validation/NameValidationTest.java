package io.policyledger.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases taken from apimachinery's {@code validation_test.go}, so the ledger accepts exactly what Kubernetes does. */
class NameValidationTest {

    private static final String A63 = "a".repeat(63);
    private static final String A64 = "a".repeat(64);

    // DNS-1123 labels (namespace names, container names)

    @ParameterizedTest
    @ValueSource(strings = {"a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2"})
    void dns1123LabelAcceptsLowercaseAlphanumericsWithInnerHyphens(String value) {
        assertThat(NameValidation.dns1123Label(value)).isEmpty();
    }

    @Test
    void dns1123LabelAcceptsSixtyThreeCharacters() {
        assertThat(NameValidation.dns1123Label(A63)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_",
                "_1", "1_2", ".", "a.", ".a", "a.b", "1.", ".1", "1.2", " ", "a ", " a", "a b", "1 ", " 1", "1 2"
            })
    void dns1123LabelRejectsUppercaseDotsUnderscoresSpacesAndEdgeHyphens(String value) {
        assertThat(NameValidation.dns1123Label(value)).isNotEmpty();
    }

    @Test
    void dns1123LabelOfSixtyFourCharactersIsTooLong() {
        assertThat(NameValidation.dns1123Label(A64)).containsExactly("must be no more than 63 characters");
    }

    // DNS-1123 subdomains (pod and policy names, label key prefixes)

    @ParameterizedTest
    @ValueSource(strings = {"a", "ab", "a.a", "a.b.c", "a-1.b-2", "0.a", "1.2.3.4", "example.com", "a--1--2--b.c"})
    void dns1123SubdomainAcceptsDotSeparatedLabels(String value) {
        assertThat(NameValidation.dns1123Subdomain(value)).isEmpty();
    }

    @Test
    void dns1123SubdomainAcceptsTwoHundredFiftyThreeCharacters() {
        String value = (A63 + ".").repeat(3) + "a".repeat(61);
        assertThat(value).hasSize(253);

        assertThat(NameValidation.dns1123Subdomain(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "A",
                "Example.com",
                "a.B",
                "-a.b",
                "a-.b",
                "a.-b",
                ".a",
                "a.",
                "a..b",
                "a_b.c",
                "a b",
                "a@b",
                "a/b"
            })
    void dns1123SubdomainRejectsUppercaseEmptyLabelsAndBadCharacters(String value) {
        assertThat(NameValidation.dns1123Subdomain(value)).isNotEmpty();
    }

    @Test
    void dns1123SubdomainOfTwoHundredFiftyFourCharactersIsTooLong() {
        String value = (A63 + ".").repeat(3) + "a".repeat(62);

        assertThat(NameValidation.dns1123Subdomain(value)).containsExactly("must be no more than 253 characters");
    }

    // Qualified names (label and annotation keys)

    @ParameterizedTest
    @ValueSource(
            strings = {
                "simple",
                "now-with-dashes",
                "1-starts-with-num",
                "1234",
                "simple/simple",
                "now-with-dashes/simple",
                "now-with-dashes/now-with-dashes",
                "now.with.dots/simple",
                "now-with.dashes-and.dots/simple",
                "1-num.2-num/3-num",
                "1234/5678",
                "1.2.3.4/5678",
                "Uppercase_Is_OK_123",
                "example.com/Uppercase_Is_OK_123",
                "requests.storage-foo",
                "app.kubernetes.io/name"
            })
    void qualifiedNameAcceptsNamesWithAndWithoutPrefix(String value) {
        assertThat(NameValidation.qualifiedName(value)).isEmpty();
    }

    @Test
    void qualifiedNameAcceptsMaximalPrefixAndName() {
        String prefix = (A63 + ".").repeat(3) + "a".repeat(61);

        assertThat(NameValidation.qualifiedName(prefix + "/" + "b".repeat(63))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "nospecialchars%^=@",
                "cantendwithadash-",
                "-cantstartwithadash-",
                "_underscore-start",
                "only/one/slash",
                "Example.com/abc",
                "example_com/abc",
                "example.com/",
                "/simple",
                "with space",
                "a:b",
                ""
            })
    void qualifiedNameRejectsBadCharactersBadPrefixesAndEmptyParts(String value) {
        assertThat(NameValidation.qualifiedName(value)).isNotEmpty();
    }

    @Test
    void qualifiedNameWithSixtyFourCharacterNameIsTooLong() {
        assertThat(NameValidation.qualifiedName("example.com/" + A64))
                .containsExactly("name part must be no more than 63 characters");
    }

    @Test
    void qualifiedNameWithTooLongPrefixIsReportedAgainstThePrefix() {
        String prefix = "a".repeat(254);

        assertThat(NameValidation.qualifiedName(prefix + "/abc"))
                .isNotEmpty()
                .allSatisfy(problem -> assertThat(problem).startsWith("prefix part "))
                .contains("prefix part must be no more than 253 characters");
    }

    @Test
    void qualifiedNameWithEmptyPrefixSaysThePrefixMustBeNonEmpty() {
        assertThat(NameValidation.qualifiedName("/simple")).containsExactly("prefix part must be non-empty");
    }

    @Test
    void qualifiedNameWithEmptyNameSaysTheNameMustBeNonEmpty() {
        assertThat(NameValidation.qualifiedName("example.com/")).contains("name part must be non-empty");
    }

    // Label values

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "simple",
                "now-with-dashes",
                "1-starts-with-num",
                "end-with-num-1",
                "1234",
                "Mixed_Case.and-dots",
                "a"
            })
    void labelValueMayBeEmptyOrAQualifiedNameWithoutPrefix(String value) {
        assertThat(NameValidation.labelValue(value)).isEmpty();
    }

    @Test
    void labelValueOfSixtyThreeCharactersIsAccepted() {
        assertThat(NameValidation.labelValue(A63)).isEmpty();
    }

    @Test
    void labelValueOfSixtyFourCharactersIsTooLong() {
        assertThat(NameValidation.labelValue(A64)).containsExactly("must be no more than 63 characters");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "nospecialchars%^=@",
                "Tama-nui-te-rā.is_the_Māori_sun",
                "\\backslashes\\are\\bad",
                "-starts-with-dash",
                "ends-with-dash-",
                ".starts.with.dot",
                "ends.with.dot.",
                "has/slash",
                "has space"
            })
    void labelValueRejectsBadCharactersAndNonAlphanumericEnds(String value) {
        assertThat(NameValidation.labelValue(value)).isNotEmpty();
    }

    // IANA service names (named ports)

    @ParameterizedTest
    @ValueSource(
            strings = {
                "telnet",
                "re-mail-ck",
                "pop3",
                "a",
                "a-1",
                "1-a",
                "a-1-b-2-c",
                "1-a-2-b-3",
                "h2c",
                "fifteen-chars-x"
            })
    void ianaServiceNameAcceptsLowercaseAlphanumericsWithSingleInnerHyphens(String value) {
        assertThat(NameValidation.ianaSvcName(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "longerthan15characters",
                "",
                "aaaaaaaaaaaaaaaa",
                "12345",
                "1-2-3-4",
                "-begin",
                "end-",
                "two--hyphens",
                "whois++",
                "HTTP",
                "under_score",
                "dot.ted"
            })
    void ianaServiceNameRejectsLongNamesNumbersOnlyUppercaseAndBadHyphens(String value) {
        assertThat(NameValidation.ianaSvcName(value)).isNotEmpty();
    }

    @Test
    void ianaServiceNameOfSixteenCharactersIsTooLong() {
        assertThat(NameValidation.ianaSvcName("a".repeat(16))).containsExactly("must be no more than 15 characters");
    }

    @Test
    void ianaServiceNameOfDigitsOnlyNeedsALetter() {
        assertThat(NameValidation.ianaSvcName("8080")).containsExactly("must contain at least one letter (a-z)");
    }

    @Test
    void ianaServiceNameWithConsecutiveHyphensIsRejected() {
        assertThat(NameValidation.ianaSvcName("a--b")).containsExactly("must not contain consecutive hyphens");
    }

    @Test
    void ianaServiceNameMayNotBeginOrEndWithAHyphen() {
        assertThat(NameValidation.ianaSvcName("-http")).containsExactly("must not begin or end with a hyphen");
        assertThat(NameValidation.ianaSvcName("http-")).containsExactly("must not begin or end with a hyphen");
    }
}
