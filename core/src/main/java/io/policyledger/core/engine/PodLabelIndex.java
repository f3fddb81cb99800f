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
 * Finds the pods a selector may match without looking at every pod: per namespace, an inverted index
 * from label (key, value) to pods, and the namespace's pods. Within each namespace in scope a selector
 * with an equality (or In) requirement is answered from the smallest posting list; one without, from
 * the namespace's pods. Indexing per namespace keeps a selector of one namespace from walking the
 * posting lists of all of them (a label like app=web is everywhere).
 */
final class PodLabelIndex {

    private final Map<String, Map<String, Map<String, Set<PodRef>>>> byNamespaceLabel = new HashMap<>();
    private final Map<String, Set<PodRef>> byNamespace = new HashMap<>();

    void add(EnginePod pod) {
        String ns = pod.ref().namespace();
        byNamespace.computeIfAbsent(ns, n -> new HashSet<>()).add(pod.ref());
        Map<String, Map<String, Set<PodRef>>> labels = byNamespaceLabel.computeIfAbsent(ns, n -> new HashMap<>());
        pod.labels()
                .forEach((k, v) -> labels.computeIfAbsent(k, x -> new HashMap<>())
                        .computeIfAbsent(v, x -> new HashSet<>())
                        .add(pod.ref()));
    }

    void remove(EnginePod pod) {
        String namespace = pod.ref().namespace();
        Set<PodRef> ns = byNamespace.get(namespace);
        if (ns != null) {
            ns.remove(pod.ref());
            if (ns.isEmpty()) {
                byNamespace.remove(namespace);
            }
        }
        Map<String, Map<String, Set<PodRef>>> labels = byNamespaceLabel.get(namespace);
        if (labels == null) {
            return;
        }
        pod.labels().forEach((k, v) -> {
            Map<String, Set<PodRef>> values = labels.get(k);
            if (values != null) {
                Set<PodRef> pods = values.get(v);
                if (pods != null) {
                    pods.remove(pod.ref());
                    if (pods.isEmpty()) {
                        values.remove(v);
                    }
                }
                if (values.isEmpty()) {
                    labels.remove(k);
                }
            }
        });
        if (labels.isEmpty()) {
            byNamespaceLabel.remove(namespace);
        }
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
        Collection<String> namespaces = scopeNamespaces != null ? scopeNamespaces : byNamespace.keySet();
        List<PodRef> out = new ArrayList<>();
        for (String ns : namespaces) {
            Set<PodRef> all = byNamespace.get(ns);
            if (all == null || !inScope.test(ns)) {
                continue;
            }
            Map<String, Map<String, Set<PodRef>>> labels = byNamespaceLabel.getOrDefault(ns, Map.of());
            Collection<PodRef> best = all;
            for (Requirement r : selector.requirements()) {
                if (r.operator() != Operator.IN) {
                    continue;
                }
                Map<String, Set<PodRef>> values = labels.getOrDefault(r.key(), Map.of());
                int size = 0;
                for (String v : r.values()) {
                    size += values.getOrDefault(v, Set.of()).size();
                }
                if (size < best.size()) {
                    List<PodRef> union = new ArrayList<>(size);
                    for (String v : r.values()) {
                        union.addAll(values.getOrDefault(v, Set.of()));
                    }
                    best = union;
                }
            }
            out.addAll(best);
        }
        return out;
    }
}
