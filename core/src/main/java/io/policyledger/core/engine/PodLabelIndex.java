package io.policyledger.core.engine;

import io.policyledger.core.selector.Operator;
import io.policyledger.core.selector.Requirement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the pods a selector may match without looking at every pod: an inverted index from label
 * (key, value) to pods, and the pods of each namespace. A selector with an equality (or In)
 * requirement is answered from the smallest posting lists; one without is answered from the pods of
 * the namespaces in scope.
 */
final class PodLabelIndex {

    private final Map<String, Map<String, Set<PodRef>>> byLabel = new HashMap<>();
    private final Map<String, Set<PodRef>> byNamespace = new HashMap<>();

    void add(EnginePod pod) {
        byNamespace.computeIfAbsent(pod.ref().namespace(), n -> new HashSet<>()).add(pod.ref());
        pod.labels().forEach((k, v) ->
                byLabel.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(v, x -> new HashSet<>()).add(pod.ref()));
    }

    void remove(EnginePod pod) {
        Set<PodRef> ns = byNamespace.get(pod.ref().namespace());
        if (ns != null) {
            ns.remove(pod.ref());
            if (ns.isEmpty()) {
                byNamespace.remove(pod.ref().namespace());
            }
        }
        pod.labels().forEach((k, v) -> {
            Map<String, Set<PodRef>> values = byLabel.get(k);
            if (values != null) {
                Set<PodRef> pods = values.get(v);
                if (pods != null) {
                    pods.remove(pod.ref());
                    if (pods.isEmpty()) {
                        values.remove(v);
                    }
                }
                if (values.isEmpty()) {
                    byLabel.remove(k);
                }
            }
        });
    }

    Set<PodRef> podsOf(String namespace) {
        return byNamespace.getOrDefault(namespace, Set.of());
    }

    Collection<String> namespacesWithPods() {
        return byNamespace.keySet();
    }

    /**
     * Pods that may match {@code selector} among those whose namespace passes {@code inScope}: a superset
     * of the matches (the caller still checks the selector), usually a small one.
     *
     * @param scopeNamespaces the namespaces in scope, when known (null: ask {@code inScope} of each)
     */
    List<PodRef> candidates(Selector selector, Collection<String> scopeNamespaces, Predicate<String> inScope) {
        Set<PodRef> smallest = null;
        int smallestSize = Integer.MAX_VALUE;
        for (Requirement r : selector.requirements()) {
            if (r.operator() != Operator.IN) {
                continue;
            }
            Map<String, Set<PodRef>> values = byLabel.getOrDefault(r.key(), Map.of());
            int size = 0;
            for (String v : r.values()) {
                size += values.getOrDefault(v, Set.of()).size();
            }
            if (size < smallestSize) {
                smallestSize = size;
                smallest = new HashSet<>();
                for (String v : r.values()) {
                    smallest.addAll(values.getOrDefault(v, Set.of()));
                }
            }
        }
        List<PodRef> out = new ArrayList<>();
        if (smallest != null) {
            for (PodRef p : smallest) {
                if (inScope.test(p.namespace())) {
                    out.add(p);
                }
            }
            return out;
        }
        Collection<String> namespaces = scopeNamespaces != null ? scopeNamespaces : byNamespace.keySet();
        for (String ns : namespaces) {
            if (inScope.test(ns)) {
                out.addAll(byNamespace.getOrDefault(ns, Set.of()));
            }
        }
        return out;
    }
}
