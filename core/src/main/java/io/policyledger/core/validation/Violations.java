package io.policyledger.core.validation;

import io.policyledger.core.object.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects every problem with an object before refusing it, so that one answer names all bad
 * fields (as the Kubernetes API does) instead of making the client fix them one round trip at a time.
 */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    public void required(String field, String detail) {
        add(
                FieldViolation.Type.FieldValueRequired,
                field,
                detail == null || detail.isEmpty() ? "Required value" : "Required value: " + detail);
    }

    public void invalid(String field, Object value, String detail) {
        add(FieldViolation.Type.FieldValueInvalid, field, "Invalid value: " + render(value) + ": " + detail);
    }

    public void notSupported(String field, Object value, Collection<String> supported) {
        StringBuilder message =
                new StringBuilder("Unsupported value: ").append(render(value)).append(": supported values: ");
        int i = 0;
        for (String s : supported) {
            if (i++ > 0) {
                message.append(", ");
            }
            message.append('"').append(s).append('"');
        }
        add(FieldViolation.Type.FieldValueNotSupported, field, message.toString());
    }

    public void duplicate(String field, Object value) {
        add(FieldViolation.Type.FieldValueDuplicate, field, "Duplicate value: " + render(value));
    }

    public void tooLong(String field, int max) {
        add(FieldViolation.Type.FieldValueTooLong, field, "Too long: may not be more than " + max + " bytes");
    }

    public void tooMany(String field, int actual, int max) {
        add(
                FieldViolation.Type.FieldValueTooMany,
                field,
                "Too many: " + actual + ": must have at most " + max + " items");
    }

    public void forbidden(String field, String detail) {
        add(FieldViolation.Type.FieldValueForbidden, field, "Forbidden: " + detail);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<FieldViolation> list() {
        return List.copyOf(found);
    }

    /** Refuses the object if anything was found. */
    public void throwIfAny(Kind kind, String name) {
        if (!found.isEmpty()) {
            throw new InvalidObjectException(kind, name, list());
        }
    }

    private void add(FieldViolation.Type type, String field, String message) {
        found.add(new FieldViolation(type, field, message));
    }

    private static String render(Object value) {
        if (value instanceof CharSequence s) {
            return '"' + s.toString() + '"';
        }
        return String.valueOf(value);
    }
}
