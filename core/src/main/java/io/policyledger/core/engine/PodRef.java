package io.policyledger.core.engine;

import java.util.Objects;

/** A pod, by namespace and name. */
public record PodRef(String namespace, String name) implements Comparable<PodRef> {

    public PodRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public int compareTo(PodRef o) {
        int c = namespace.compareTo(o.namespace);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
