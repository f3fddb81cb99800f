package io.policyledger.core.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import io.policyledger.core.validation.FieldViolation;
import io.policyledger.core.validation.FieldViolation.Type;
import io.policyledger.core.validation.InvalidObjectException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamespaceCommandsTest {

    private static CreateNamespace create(String name) {
        return new CreateNamespace(name, "uid-1", "tenant-a", null, null);
    }

    private static CreateNamespace createWithAnnotations(Map<String, String> annotations) {
        return new CreateNamespace("team-a", "uid-1", "tenant-a", null, annotations);
    }

    private static InvalidObjectException rejectionOf(Runnable command) {
        InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class, command::run);
        assertThat(e).as("the command should have been refused").isNotNull();
        return e;
    }

    private static List<FieldViolation> violationsOf(Runnable command) {
        return rejectionOf(command).violations();
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "team-a", "kube-system", "0", "a1b2"})
    void dns1123LabelIsAValidNamespaceName(String name) {
        assertThat(create(name).key()).isEqualTo(ObjectKey.namespace(name));
    }

    @Test
    void dottedNameIsRejectedForNamespaces() {
        assertThat(violationsOf(() -> create("a.b")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("metadata.name", Type.FieldValueInvalid));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Team-A", "-team", "team-", "team_a", "team a"})
    void nameThatIsNotADns1123LabelIsRejected(String name) {
        assertThat(violationsOf(() -> create(name)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("metadata.name", Type.FieldValueInvalid));
    }

    @Test
    void nameLongerThanSixtyThreeCharactersIsRejected() {
        assertThatCode(() -> create("a".repeat(63))).doesNotThrowAnyException();
        assertThat(violationsOf(() -> create("a".repeat(64))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("metadata.name", Type.FieldValueInvalid));
    }

    @Test
    void missingNameIsRequired() {
        assertThat(violationsOf(() -> create("")))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("metadata.name", Type.FieldValueRequired));
        assertThat(violationsOf(() -> create(null)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("metadata.name", Type.FieldValueRequired));
    }

    @Test
    void refusalNamesTheKindAndTheNamespace() {
        InvalidObjectException e = rejectionOf(() -> create("a.b"));

        assertThat(e.kind()).isEqualTo(Kind.NAMESPACE);
        assertThat(e.name()).isEqualTo("a.b");
        assertThat(e).hasMessageStartingWith("Namespace \"a.b\" is invalid: metadata.name: Invalid value: \"a.b\": ");
    }

    @Test
    void badLabelKeyIsReportedUnderMetadataLabels() {
        assertThat(violationsOf(() ->
                        new CreateNamespace("team-a", "uid-1", "tenant-a", Map.of("Example.com/team", "a"), null)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("metadata.labels", Type.FieldValueInvalid));
    }

    @Test
    void badLabelValueIsReportedUnderMetadataLabels() {
        assertThat(violationsOf(
                        () -> new CreateNamespace("team-a", "uid-1", "tenant-a", Map.of("team", "a".repeat(64)), null)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("metadata.labels", Type.FieldValueInvalid));
    }

    @Test
    void labelsAreKeptSortedAndCarryTheServersOwnLabels() {
        CreateNamespace labelled = new CreateNamespace("team-a", "uid-1", "tenant-a", Map.of("b", "2", "a", "1"), null);

        assertThat(labelled.labels().keySet())
                .containsExactly("a", "b", "kubernetes.io/metadata.name", "policyledger.io/tenant");
        assertThat(create("team-a").labels())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("kubernetes.io/metadata.name", "team-a", "policyledger.io/tenant", "tenant-a"));
        assertThat(create("team-a").annotations()).isEmpty();
    }

    @Test
    void theServersLabelsCannotBeGivenOtherValues() {
        assertThat(violationsOf(() -> new CreateNamespace(
                        "team-a",
                        "uid-1",
                        "tenant-a",
                        Map.of("policyledger.io/tenant", "tenant-b", "kubernetes.io/metadata.name", "other"),
                        null)))
                .extracting(FieldViolation::field)
                .containsExactlyInAnyOrder(
                        "metadata.labels[kubernetes.io/metadata.name]", "metadata.labels[policyledger.io/tenant]");
    }

    @Test
    void repeatingTheServersLabelsIsAccepted() {
        assertThat(new CreateNamespace(
                                "team-a",
                                "uid-1",
                                "tenant-a",
                                Map.of("policyledger.io/tenant", "tenant-a", "kubernetes.io/metadata.name", "team-a"),
                                null)
                        .labels())
                .hasSize(2);
    }

    @Test
    void annotationsUpTo256KibAreAccepted() {
        String value = "v".repeat(ObjectMetaValidation.ANNOTATIONS_MAX_BYTES - 1);

        assertThatCode(() -> createWithAnnotations(Map.of("k", value))).doesNotThrowAnyException();
    }

    @Test
    void annotationsOverTotalSizeOf256KibAreRejected() {
        String half = "v".repeat(ObjectMetaValidation.ANNOTATIONS_MAX_BYTES / 2);

        assertThat(violationsOf(() -> createWithAnnotations(Map.of("a", half, "b", half))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("metadata.annotations", Type.FieldValueTooLong));
    }

    @Test
    void annotationSizeIsCountedInUtf8Bytes() {
        String twoByteChars = "é".repeat(ObjectMetaValidation.ANNOTATIONS_MAX_BYTES / 2);

        assertThat(violationsOf(() -> createWithAnnotations(Map.of("k", twoByteChars))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("metadata.annotations", Type.FieldValueTooLong));
    }

    @Test
    void annotationKeysAreCheckedIgnoringCase() {
        assertThatCode(() -> createWithAnnotations(Map.of("Example.COM/Owner", "ops")))
                .doesNotThrowAnyException();
    }

    @Test
    void badAnnotationKeyIsReportedUnderMetadataAnnotations() {
        assertThat(violationsOf(() -> createWithAnnotations(Map.of("owner/of/this", "ops"))))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactly(tuple("metadata.annotations", Type.FieldValueInvalid));
    }

    @Test
    void annotationKeyCheckDoesNotDependOnTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));

            assertThatCode(() -> createWithAnnotations(Map.of("INGRESS.example.com/Id", "x")))
                    .doesNotThrowAnyException();
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void changingMetadataValidatesLikeCreating() {
        assertThat(violationsOf(() -> new ChangeNamespaceMetadata(
                        "team-a",
                        Map.of("team", "-a"),
                        Map.of("k", "v".repeat(ObjectMetaValidation.ANNOTATIONS_MAX_BYTES)),
                        "uid-1",
                        2L)))
                .extracting(FieldViolation::field, FieldViolation::type)
                .containsExactlyInAnyOrder(
                        tuple("metadata.labels", Type.FieldValueInvalid),
                        tuple("metadata.annotations", Type.FieldValueTooLong));
    }

    @Test
    void changingMetadataOfADottedNamespaceIsRejected() {
        assertThat(violationsOf(() -> new ChangeNamespaceMetadata("a.b", null, null, null, null)))
                .extracting(FieldViolation::field)
                .containsExactly("metadata.name");
    }
}
