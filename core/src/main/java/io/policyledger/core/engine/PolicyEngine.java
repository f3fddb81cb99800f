package io.policyledger.core.engine;

import io.policyledger.core.net.IpAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The incremental policy engine: namespaces, pods, policies and ClusterNetworkPolicies in; per-pod rule
 * sets (verdict rules in evaluation order) and the peer sets they refer to out, kept current change by
 * change. Pure Java, single-threaded: callers serialize.
 *
 * <pre>
 *   namespace / pod / policy changes
 *        |
 *        v
 *   EngineInputs ----> PodLabelIndex (label -> pods, namespace -> pods)
 *        |
 *        +--> PeerSetIndex     pods of each peer set (podSelector x namespace or namespaceSelector)
 *        +--> PolicySelection  policies applying to each pod (podSelector in the policy's namespace)
 *        +--> cluster policies  few; which select a pod is asked when its rule set is computed
 *        |
 *        v  (pods whose policies or namespace isolation changed)
 *   RuleSetCalculator ----> rule sets (allow entries refer to peer sets by id)
 *        |
 *        v
 *   flush(): deltas in dependency order (peer sets, rule sets, removed rule sets, removed peer sets)
 * </pre>
 * A pod's label change touches only the sets and policies of its own namespace (and the cross-namespace
 * sets that match its namespace); the other pods' rule sets do not change, only the peer sets they refer
 * to. That is what keeps the cost of a change far below recomputing everything.
 */
public final class PolicyEngine implements RuleView {

    private final EngineInputs inputs = new EngineInputs();
    private final PeerSetIndex peerSets = new PeerSetIndex(inputs);
    private final PolicySelection selection = new PolicySelection(inputs);
    private final Map<PodRef, PodRuleSet> ruleSets = new HashMap<>();
    /** Replaced, not cleared, at each flush: a set that once held every pod iterates slowly ever after. */
    private Set<PodRef> dirtyPods = new HashSet<>();

    public void setNamespace(EngineNamespace namespace) {
        EngineNamespace before = inputs.namespaces.put(namespace.name(), namespace);
        if (Objects.equals(before, namespace)) {
            return;
        }
        peerSets.namespaceChanged(before, namespace);
        if (before == null
                || before.ingressDefaultDeny() != namespace.ingressDefaultDeny()
                || !inputs.clusterPolicies.isEmpty() && !before.labels().equals(namespace.labels())) {
            dirtyPods.addAll(inputs.labels.podsOf(namespace.name()));
        }
    }

    public void removeNamespace(String name) {
        EngineNamespace before = inputs.namespaces.remove(name);
        if (before != null) {
            peerSets.namespaceChanged(before, null);
            dirtyPods.addAll(inputs.labels.podsOf(name));
        }
    }

    public void setPod(EnginePod pod) {
        EnginePod before = inputs.pods.put(pod.ref(), pod);
        if (Objects.equals(before, pod)) {
            return;
        }
        if (before != null) {
            inputs.labels.remove(before);
        }
        inputs.labels.add(pod);
        peerSets.podChanged(before, pod);
        selection.podChanged(before, pod);
        dirtyPods.add(pod.ref());
    }

    public void removePod(PodRef ref) {
        EnginePod before = inputs.pods.remove(ref);
        if (before == null) {
            return;
        }
        inputs.labels.remove(before);
        peerSets.podChanged(before, null);
        selection.podChanged(before, null);
        dirtyPods.add(ref);
    }

    public void setPolicy(CompiledPolicy policy) {
        CompiledPolicy before = inputs.policies.put(policy.ref(), policy);
        if (Objects.equals(before, policy)) {
            return;
        }
        inputs.policiesByNamespace
                .computeIfAbsent(policy.ref().namespace(), n -> new HashMap<>())
                .put(policy.ref(), policy);
        // Acquire the new sets before releasing the old, so sets both versions use are never dropped.
        peerSetKeys(policy).forEach(peerSets::acquire);
        if (before != null) {
            peerSetKeys(before).forEach(peerSets::release);
        }
        selection.policyChanged(policy.ref(), policy, dirtyPods);
    }

    public void removePolicy(PolicyRef ref) {
        CompiledPolicy before = inputs.policies.remove(ref);
        if (before == null) {
            return;
        }
        Map<PolicyRef, CompiledPolicy> ofNamespace = inputs.policiesByNamespace.get(ref.namespace());
        ofNamespace.remove(ref);
        if (ofNamespace.isEmpty()) {
            inputs.policiesByNamespace.remove(ref.namespace());
        }
        peerSetKeys(before).forEach(peerSets::release);
        selection.policyChanged(ref, null, dirtyPods);
    }

    public void setClusterPolicy(CompiledClusterPolicy policy) {
        CompiledClusterPolicy before = inputs.clusterPolicies.put(policy.name(), policy);
        if (Objects.equals(before, policy)) {
            return;
        }
        peerSetKeys(policy).forEach(peerSets::acquire);
        if (before != null) {
            peerSetKeys(before).forEach(peerSets::release);
            subjectsMayChange(before);
        }
        subjectsMayChange(policy);
    }

    public void removeClusterPolicy(String name) {
        CompiledClusterPolicy before = inputs.clusterPolicies.remove(name);
        if (before == null) {
            return;
        }
        peerSetKeys(before).forEach(peerSets::release);
        subjectsMayChange(before);
    }

    /** The pods of every namespace the policy's subject may select: their rule sets are computed again. */
    private void subjectsMayChange(CompiledClusterPolicy policy) {
        for (EngineNamespace ns : inputs.namespaces.values()) {
            if (policy.namespaceSelector().matches(ns.labels())) {
                dirtyPods.addAll(inputs.labels.podsOf(ns.name()));
            }
        }
    }

    /**
     * Recomputes what changed since the last flush and answers the output's changes in dependency
     * order. Only rule sets and peer sets that really differ are reported.
     */
    public List<EngineDelta> flush() {
        List<EngineDelta> ruleUpdates = new ArrayList<>();
        List<EngineDelta> ruleRemovals = new ArrayList<>();
        for (PodRef ref : new TreeSet<>(dirtyPods)) {
            EnginePod pod = inputs.pods.get(ref);
            if (pod == null) {
                if (ruleSets.remove(ref) != null) {
                    ruleRemovals.add(new EngineDelta.RuleSetRemoved(ref));
                }
                continue;
            }
            EngineNamespace namespace = inputs.namespaces.get(ref.namespace());
            PodRuleSet now =
                    RuleSetCalculator.compute(pod, applyingPolicies(ref), namespace, clusterPoliciesOf(pod, namespace));
            if (!now.equals(ruleSets.put(ref, now))) {
                ruleUpdates.add(new EngineDelta.RuleSetUpdated(now));
            }
        }
        dirtyPods = new HashSet<>();
        PeerSetIndex.Changes sets = peerSets.drainChanges();
        List<EngineDelta> out = new ArrayList<>();
        sets.changed().forEach((id, change) -> {
            List<EnginePod> upserted = new ArrayList<>();
            if (change.complete()) {
                upserted.addAll(peerSets.peerSet(id).members());
            } else {
                change.joined().forEach(p -> upserted.add(inputs.pods.get(p)));
                change.updated().forEach(p -> upserted.add(inputs.pods.get(p)));
            }
            out.add(new EngineDelta.PeerSetUpdated(id, peerSets.key(id), change.complete(), upserted, change.left()));
        });
        out.addAll(ruleUpdates);
        out.addAll(ruleRemovals);
        for (String id : sets.dropped()) {
            out.add(new EngineDelta.PeerSetRemoved(id));
        }
        return out;
    }

    /** The current rule set of a pod (as of the last flush), or null. */
    @Override
    public PodRuleSet ruleSet(PodRef pod) {
        return ruleSets.get(pod);
    }

    public Map<PodRef, PodRuleSet> ruleSets() {
        return Map.copyOf(ruleSets);
    }

    public PeerSet peerSet(String id) {
        return peerSets.peerSet(id);
    }

    public Collection<String> peerSetIds() {
        return new TreeSet<>(peerSets.ids());
    }

    @Override
    public boolean inPeerSet(String id, PodRef pod) {
        return peerSets.contains(id, pod);
    }

    @Override
    public EnginePod pod(PodRef ref) {
        return inputs.pods.get(ref);
    }

    @Override
    public Optional<EnginePod> podWithAddress(IpAddress ip) {
        return inputs.pods.values().stream().filter(p -> p.ips().contains(ip)).findFirst();
    }

    public Collection<EnginePod> pods() {
        return inputs.pods.values();
    }

    public EngineNamespace namespace(String name) {
        return inputs.namespaces.get(name);
    }

    public Collection<EngineNamespace> namespaces() {
        return inputs.namespaces.values();
    }

    public CompiledPolicy policy(PolicyRef ref) {
        return inputs.policies.get(ref);
    }

    public Collection<CompiledPolicy> policies() {
        return inputs.policies.values();
    }

    public Collection<CompiledClusterPolicy> clusterPolicies() {
        return inputs.clusterPolicies.values();
    }

    /** A new engine holding the same inputs, flushed: for "what if" questions that must not touch this one. */
    public PolicyEngine copy() {
        PolicyEngine copy = new PolicyEngine();
        inputs.namespaces.values().forEach(copy::setNamespace);
        inputs.pods.values().forEach(copy::setPod);
        inputs.policies.values().forEach(copy::setPolicy);
        inputs.clusterPolicies.values().forEach(copy::setClusterPolicy);
        copy.flush();
        return copy;
    }

    private List<CompiledPolicy> applyingPolicies(PodRef pod) {
        List<CompiledPolicy> out = new ArrayList<>();
        for (PolicyRef ref : selection.policiesOf(pod)) {
            out.add(inputs.policies.get(ref));
        }
        return out;
    }

    /** The ClusterNetworkPolicies that select the pod, in evaluation order; none while its namespace is unknown. */
    private List<CompiledClusterPolicy> clusterPoliciesOf(EnginePod pod, EngineNamespace namespace) {
        if (namespace == null || inputs.clusterPolicies.isEmpty()) {
            return List.of();
        }
        List<CompiledClusterPolicy> out = new ArrayList<>();
        for (CompiledClusterPolicy p : inputs.clusterPolicies.values()) {
            if (p.selects(namespace.labels(), pod.labels())) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing(CompiledClusterPolicy::tier)
                .thenComparingInt(CompiledClusterPolicy::priority)
                .thenComparing(CompiledClusterPolicy::name));
        return out;
    }

    private static Set<PeerSetKey> peerSetKeys(CompiledClusterPolicy policy) {
        return podSets(java.util.stream.Stream.concat(policy.ingress().stream(), policy.egress().stream())
                .map(CompiledClusterPolicy.TierRule::peers));
    }

    private static Set<PeerSetKey> peerSetKeys(CompiledPolicy policy) {
        return podSets(java.util.stream.Stream.concat(policy.ingress().stream(), policy.egress().stream())
                .map(CompiledRule::peers));
    }

    /** The peer sets that rules' peers of pods name (address ranges name none). */
    private static Set<PeerSetKey> podSets(java.util.stream.Stream<List<Peer>> peersOfRules) {
        Set<PeerSetKey> keys = new HashSet<>();
        peersOfRules.forEach(peers -> {
            for (Peer peer : peers) {
                if (peer instanceof Peer.Pods pods) {
                    keys.add(pods.set());
                }
            }
        });
        return keys;
    }
}
