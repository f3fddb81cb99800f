package io.policyledger.core.engine;

import java.util.Map;
import java.util.Objects;

/**
 * A namespace as the engine sees it: its labels (what namespaceSelectors match) and whether the 2016
 * isolation model puts all its pods into ingress isolation ({@link NamespaceIsolation}).
 */
public record EngineNamespace(String name, Map<String, String> labels, boolean ingressDefaultDeny) {

    public EngineNamespace {
        Objects.requireNonNull(name, "name");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
