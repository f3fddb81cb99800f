package io.policyledger.core.networkpolicy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A port given by number ({@code 80}) or by the name of a container port ({@code "http"}). */
public record IntOrString(Integer intValue, String stringValue) {

    public IntOrString {
        if ((intValue == null) == (stringValue == null)) {
            throw new IllegalArgumentException("exactly one of a number or a name is required");
        }
    }

    public static IntOrString of(int value) {
        return new IntOrString(value, null);
    }

    public static IntOrString of(String name) {
        return new IntOrString(null, name);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static IntOrString fromWire(Object wire) {
        if (wire instanceof Integer i) {
            return of(i);
        }
        if (wire instanceof String s) {
            return of(s);
        }
        throw new IllegalArgumentException("a port must be a number or a string, not " + wire);
    }

    @JsonValue
    Object toWire() {
        return intValue != null ? intValue : stringValue;
    }

    public boolean isNumber() {
        return intValue != null;
    }

    @Override
    public String toString() {
        return String.valueOf(toWire());
    }
}
