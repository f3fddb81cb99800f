package io.policyledger.core.engine;

import java.util.List;

/**
 * A policy reduced to what evaluation needs. The pods it applies to are those its {@code podSelector}
 * matches in its own namespace.
 *
 * @param isolatesIngress whether it puts the pods it selects into ingress isolation (v1 with Ingress in
 *                        policyTypes; a v1alpha1 policy never does)
 * @param ingress         its ingress rules: empty when it does not speak of ingress
 */
public record CompiledPolicy(
        PolicyRef ref,
        Selector podSelector,
        boolean isolatesIngress,
        boolean isolatesEgress,
        List<CompiledRule> ingress,
        List<CompiledRule> egress) {

    public CompiledPolicy {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }
}
