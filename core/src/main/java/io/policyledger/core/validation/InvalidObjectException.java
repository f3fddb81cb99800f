package io.policyledger.core.validation;

import io.policyledger.core.object.Kind;
import java.util.List;

/** An object that may not be stored as given; carries one violation per bad field. */
public final class InvalidObjectException extends RuntimeException {

    private final Kind kind;
    private final String name;
    private final List<FieldViolation> violations;

    public InvalidObjectException(Kind kind, String name, List<FieldViolation> violations) {
        super(message(kind, name, violations));
        this.kind = kind;
        this.name = name;
        this.violations = List.copyOf(violations);
    }

    /** As the Kubernetes API words it: one violation plain, several in brackets. */
    private static String message(Kind kind, String name, List<FieldViolation> violations) {
        String list = violations.size() == 1 ? violations.get(0).toString() : violations.toString();
        return kind.qualifiedKind() + " \"" + name + "\" is invalid: " + list;
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
