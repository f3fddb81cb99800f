package io.policyledger.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A port as Kubernetes writes one ({@code IntOrString}): a number, or the name of a port the pod
 * defines. On the wire it is the bare number or the bare string.
 */
public record NumberOrName(Integer number, String name) {

    public NumberOrName {
        if ((number == null) == (name == null)) {
            throw new IllegalArgumentException("a port is a number or a name, not both or neither");
        }
    }

    public static NumberOrName of(int number) {
        return new NumberOrName(number, null);
    }

    public static NumberOrName of(String name) {
        return new NumberOrName(null, name);
    }

    @JsonValue
    Object wire() {
        return number != null ? number : name;
    }
}
