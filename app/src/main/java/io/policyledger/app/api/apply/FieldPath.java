package io.policyledger.app.api.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * A path to one field of an object, in the elements of Kubernetes' {@code FieldsV1} format:
 * {@code f:name} (a field of a map), {@code k:{"name":"web"}} (the entry of a keyed list with that key),
 * {@code v:"x"} (a value of a set), and {@code .} (an entry itself, beside its fields).
 */
public record FieldPath(List<String> elements) {

    public FieldPath {
        elements = List.copyOf(elements);
    }

    static FieldPath root() {
        return new FieldPath(List.of());
    }

    FieldPath child(String element) {
        List<String> longer = new ArrayList<>(elements);
        longer.add(element);
        return new FieldPath(longer);
    }

    boolean isEntryMarker() {
        return !elements.isEmpty() && elements.get(elements.size() - 1).equals(".");
    }

    FieldPath parent() {
        return new FieldPath(elements.subList(0, elements.size() - 1));
    }

    /** The schema path a patch strategy is registered under ({@code spec.containers.ports}). */
    String schemaPath() {
        StringBuilder s = new StringBuilder();
        for (String e : elements) {
            if (e.startsWith("f:")) {
                if (!s.isEmpty()) {
                    s.append('.');
                }
                s.append(e.substring(2));
            }
        }
        return s.toString();
    }

    /** As Kubernetes prints a conflicting field: {@code .spec.podSelector.matchLabels.app}. */
    String display() {
        StringBuilder s = new StringBuilder();
        for (String e : elements) {
            if (e.startsWith("f:")) {
                s.append('.').append(e.substring(2));
            } else if (e.startsWith("k:") || e.startsWith("v:")) {
                s.append('[').append(e.substring(2)).append(']');
            }
        }
        return s.isEmpty() ? "." : s.toString();
    }
}
