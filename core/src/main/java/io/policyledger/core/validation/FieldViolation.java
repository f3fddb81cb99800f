package io.policyledger.core.validation;

/**
 * One reason an object was refused, addressed to the field that caused it. The types are those of
 * the Kubernetes API's {@code StatusCause.reason}, so clients that understand Kubernetes errors
 * understand ours.
 */
public record FieldViolation(Type type, String field, String message) {

    public enum Type {
        FieldValueRequired("Required value"),
        FieldValueInvalid("Invalid value"),
        FieldValueNotSupported("Unsupported value"),
        FieldValueDuplicate("Duplicate value"),
        FieldValueTooLong("Too long"),
        FieldValueTooMany("Too many"),
        FieldValueForbidden("Forbidden");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The Kubernetes rendering: {@code spec.ports[0].port: Invalid value: 0: must be ...}. */
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
