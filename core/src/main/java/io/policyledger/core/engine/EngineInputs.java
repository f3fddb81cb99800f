package io.policyledger.core.engine;

import java.util.HashMap;
import java.util.Map;

/** The engine's inputs as they are now, shared by its calculators (which only read them). */
final class EngineInputs {

    final Map<String, EngineNamespace> namespaces = new HashMap<>();
    final Map<PodRef, EnginePod> pods = new HashMap<>();
    final Map<PolicyRef, CompiledPolicy> policies = new HashMap<>();
    final Map<String, Map<PolicyRef, CompiledPolicy>> policiesByNamespace = new HashMap<>();
    final Map<String, CompiledClusterPolicy> clusterPolicies = new HashMap<>();
    final PodLabelIndex labels = new PodLabelIndex();

    /** Labels of a namespace, empty if it is unknown (then no namespace selector but "all" can match it). */
    Map<String, String> namespaceLabels(String namespace) {
        EngineNamespace ns = namespaces.get(namespace);
        return ns == null ? Map.of() : ns.labels();
    }

    boolean namespaceKnown(String namespace) {
        return namespaces.containsKey(namespace);
    }
}
