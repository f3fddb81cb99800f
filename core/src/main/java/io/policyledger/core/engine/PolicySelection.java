package io.policyledger.core.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which policies apply to which pods (a policy applies to the pods its podSelector matches in its own
 * namespace), kept current as pods and policies change. Reports the pods whose set of applying
 * policies, or whose applying policies' content, changed: their rule sets must be recomputed.
 */
final class PolicySelection {

    private final EngineInputs inputs;
    private final Map<PolicyRef, Set<PodRef>> podsOfPolicy = new HashMap<>();
    private final Map<PodRef, Set<PolicyRef>> policiesOfPod = new HashMap<>();

    PolicySelection(EngineInputs inputs) {
        this.inputs = inputs;
    }

    /** The policies that apply to a pod, in a fixed order. */
    Collection<PolicyRef> policiesOf(PodRef pod) {
        return new TreeSet<>(policiesOfPod.getOrDefault(pod, Set.of()));
    }

    /** A policy was added, replaced or removed ({@code after} null); inputs already updated. */
    void policyChanged(PolicyRef ref, CompiledPolicy after, Set<PodRef> dirty) {
        Set<PodRef> before = new HashSet<>(podsOfPolicy.getOrDefault(ref, Set.of()));
        Set<PodRef> now = new HashSet<>();
        if (after != null) {
            for (PodRef p :
                    inputs.labels.candidates(after.podSelector(), List.of(ref.namespace()), ref.namespace()::equals)) {
                if (after.podSelector().matches(inputs.pods.get(p).labels())) {
                    now.add(p);
                }
            }
        }
        for (PodRef p : before) {
            if (!now.contains(p)) {
                unlink(ref, p);
            }
        }
        for (PodRef p : now) {
            policiesOfPod.computeIfAbsent(p, x -> new HashSet<>()).add(ref);
        }
        if (now.isEmpty()) {
            podsOfPolicy.remove(ref);
        } else {
            podsOfPolicy.put(ref, now);
        }
        dirty.addAll(before);
        dirty.addAll(now);
    }

    /** A pod appeared, changed labels or went away ({@code after} null). */
    void podChanged(EnginePod before, EnginePod after) {
        PodRef ref = (after != null ? after : before).ref();
        if (before != null && after != null && before.labels().equals(after.labels())) {
            return;
        }
        for (PolicyRef policy : new HashSet<>(policiesOfPod.getOrDefault(ref, Set.of()))) {
            unlink(policy, ref);
        }
        if (after == null) {
            return;
        }
        for (CompiledPolicy policy : inputs.policiesByNamespace
                .getOrDefault(ref.namespace(), Map.of())
                .values()) {
            if (policy.podSelector().matches(after.labels())) {
                policiesOfPod.computeIfAbsent(ref, x -> new HashSet<>()).add(policy.ref());
                podsOfPolicy.computeIfAbsent(policy.ref(), x -> new HashSet<>()).add(ref);
            }
        }
    }

    private void unlink(PolicyRef policy, PodRef pod) {
        Set<PolicyRef> of = policiesOfPod.get(pod);
        if (of != null) {
            of.remove(policy);
            if (of.isEmpty()) {
                policiesOfPod.remove(pod);
            }
        }
        Set<PodRef> pods = podsOfPolicy.get(policy);
        if (pods != null) {
            pods.remove(pod);
            if (pods.isEmpty()) {
                podsOfPolicy.remove(policy);
            }
        }
    }
}
