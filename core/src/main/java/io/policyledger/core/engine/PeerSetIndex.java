package io.policyledger.core.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the members of every peer set that some policy refers to, as pods and namespaces come, go
 * and change labels; and says which sets changed (members, or a member's addresses or named ports)
 * since the last flush.
 *
 * <pre>
 *   pod labels changed ---> sets of its namespace + cross-namespace sets matching its namespace
 *                           (re-evaluate the pod selector: join / leave)
 *   namespace labels  ----> cross-namespace sets whose namespace selector now (no longer) matches
 *                           (all pods of the namespace matching the pod selector join / leave)
 *   pod addresses     ----> every set the pod is in (members unchanged, content changed)
 * </pre>
 * Sets are reference-counted by the policies that use them and dropped with the last.
 */
final class PeerSetIndex {

    private static final class Entry {
        final PeerSetKey key;
        final Set<PodRef> members = new HashSet<>();
        /** Cross-namespace sets: the namespaces their selector matches now. */
        final Set<String> namespaces = new HashSet<>();

        int references;

        Entry(PeerSetKey key) {
            this.key = key;
        }
    }

    private final EngineInputs inputs;
    private final Map<String, Entry> sets = new HashMap<>();
    private final Map<String, Set<String>> localSets = new HashMap<>();
    private final Set<String> crossSets = new HashSet<>();
    private final Map<String, Set<String>> crossSetsOfNamespace = new HashMap<>();
    private final Map<PodRef, Set<String>> setsOfPod = new HashMap<>();
    private final Set<String> changed = new TreeSet<>();
    private final Set<String> dropped = new TreeSet<>();
    /** Sets a consumer must take whole (new, or dropped and made again) since the last drain. */
    private Set<String> complete = new HashSet<>();

    private final Map<String, Set<PodRef>> joined = new HashMap<>();
    private final Map<String, Set<PodRef>> left = new HashMap<>();
    /** Members that stayed but whose addresses, ports or node changed. */
    private final Map<String, Set<PodRef>> updated = new HashMap<>();

    PeerSetIndex(EngineInputs inputs) {
        this.inputs = inputs;
    }

    void acquire(PeerSetKey key) {
        String id = key.id();
        Entry entry = sets.get(id);
        if (entry != null) {
            entry.references++;
            return;
        }
        entry = new Entry(key);
        entry.references = 1;
        sets.put(id, entry);
        // Made again after a drop in the same window: a consumer still holds the old members, so it gets all.
        dropped.remove(id);
        changed.add(id);
        complete.add(id);
        if (key.namespace() != null) {
            localSets.computeIfAbsent(key.namespace(), n -> new HashSet<>()).add(id);
            for (PodRef p : inputs.labels.candidates(
                    key.podSelector(), List.of(key.namespace()), ns -> ns.equals(key.namespace()))) {
                if (key.podSelector().matches(inputs.pods.get(p).labels())) {
                    join(id, entry, p);
                }
            }
        } else {
            crossSets.add(id);
            for (EngineNamespace ns : inputs.namespaces.values()) {
                if (key.namespaceSelector().matches(ns.labels())) {
                    entry.namespaces.add(ns.name());
                    crossSetsOfNamespace
                            .computeIfAbsent(ns.name(), n -> new HashSet<>())
                            .add(id);
                }
            }
            for (PodRef p : inputs.labels.candidates(key.podSelector(), entry.namespaces, entry.namespaces::contains)) {
                if (key.podSelector().matches(inputs.pods.get(p).labels())) {
                    join(id, entry, p);
                }
            }
        }
    }

    void release(PeerSetKey key) {
        String id = key.id();
        Entry entry = sets.get(id);
        if (entry == null || --entry.references > 0) {
            return;
        }
        sets.remove(id);
        for (PodRef p : entry.members) {
            Set<String> of = setsOfPod.get(p);
            if (of != null) {
                of.remove(id);
                if (of.isEmpty()) {
                    setsOfPod.remove(p);
                }
            }
        }
        if (key.namespace() != null) {
            Set<String> local = localSets.get(key.namespace());
            local.remove(id);
            if (local.isEmpty()) {
                localSets.remove(key.namespace());
            }
        } else {
            crossSets.remove(id);
            for (String ns : entry.namespaces) {
                Set<String> of = crossSetsOfNamespace.get(ns);
                of.remove(id);
                if (of.isEmpty()) {
                    crossSetsOfNamespace.remove(ns);
                }
            }
        }
        changed.remove(id);
        complete.remove(id);
        joined.remove(id);
        left.remove(id);
        updated.remove(id);
        dropped.add(id);
    }

    /** A pod appeared, changed or went away ({@code after} null). Its inputs are already updated. */
    void podChanged(EnginePod before, EnginePod after) {
        EnginePod pod = after != null ? after : before;
        PodRef ref = pod.ref();
        boolean labelsChanged =
                before == null || after == null || !before.labels().equals(after.labels());
        if (!labelsChanged) {
            // Same membership; but the sets carry their members' addresses, ports and node, so they changed.
            if (!before.equals(after)) {
                for (String id : setsOfPod.getOrDefault(ref, Set.of())) {
                    changed.add(id);
                    memberUpdated(id, ref);
                }
            }
            return;
        }
        Set<String> candidates = new HashSet<>(localSets.getOrDefault(ref.namespace(), Set.of()));
        candidates.addAll(crossSetsOfNamespace.getOrDefault(ref.namespace(), Set.of()));
        candidates.addAll(setsOfPod.getOrDefault(ref, Set.of()));
        for (String id : candidates) {
            Entry entry = sets.get(id);
            boolean member = entry.members.contains(ref);
            boolean shouldBe = after != null && entry.key.podSelector().matches(after.labels());
            if (shouldBe && !member) {
                join(id, entry, ref);
            } else if (!shouldBe && member) {
                leave(id, entry, ref);
            } else if (member) {
                changed.add(id);
                memberUpdated(id, ref);
            }
        }
    }

    /** A namespace appeared, changed labels or went away ({@code after} null). */
    void namespaceChanged(EngineNamespace before, EngineNamespace after) {
        String name = (after != null ? after : before).name();
        if (before != null && after != null && before.labels().equals(after.labels())) {
            return;
        }
        for (String id : crossSets) {
            Entry entry = sets.get(id);
            boolean matched = entry.namespaces.contains(name);
            boolean matches = after != null && entry.key.namespaceSelector().matches(after.labels());
            if (matched == matches) {
                continue;
            }
            if (matches) {
                entry.namespaces.add(name);
                crossSetsOfNamespace.computeIfAbsent(name, n -> new HashSet<>()).add(id);
                for (PodRef p : inputs.labels.candidates(entry.key.podSelector(), List.of(name), name::equals)) {
                    if (entry.key.podSelector().matches(inputs.pods.get(p).labels())) {
                        join(id, entry, p);
                    }
                }
            } else {
                entry.namespaces.remove(name);
                Set<String> of = crossSetsOfNamespace.get(name);
                of.remove(id);
                if (of.isEmpty()) {
                    crossSetsOfNamespace.remove(name);
                }
                // The namespace's own pods, not the set's members: a set across namespaces can be large.
                for (PodRef p : new ArrayList<>(inputs.labels.podsOf(name))) {
                    leave(id, entry, p);
                }
            }
        }
    }

    PeerSetKey key(String id) {
        Entry entry = sets.get(id);
        return entry == null ? null : entry.key;
    }

    PeerSet peerSet(String id) {
        Entry entry = sets.get(id);
        if (entry == null) {
            return null;
        }
        List<EnginePod> members = new ArrayList<>();
        for (PodRef p : new TreeSet<>(entry.members)) {
            members.add(inputs.pods.get(p));
        }
        return new PeerSet(id, entry.key, members);
    }

    boolean contains(String id, PodRef pod) {
        Entry entry = sets.get(id);
        return entry != null && entry.members.contains(pod);
    }

    Set<String> ids() {
        return sets.keySet();
    }

    /**
     * What changed in one set since the last drain: all of it, or who joined, who left, and which
     * members stayed but changed (addresses, ports, node).
     */
    record MembershipChange(boolean complete, List<PodRef> joined, List<PodRef> left, List<PodRef> updated) {}

    /**
     * Sets changed since the last call with how their membership changed, and ids of sets dropped, then
     * forgets them.
     */
    Changes drainChanges() {
        Map<String, MembershipChange> c = new LinkedHashMap<>();
        for (String id : changed) {
            c.put(
                    id,
                    complete.contains(id)
                            ? new MembershipChange(true, List.of(), List.of(), List.of())
                            : new MembershipChange(
                                    false, sorted(joined.get(id)), sorted(left.get(id)), sorted(updated.get(id))));
        }
        List<String> d = new ArrayList<>(dropped);
        changed.clear();
        dropped.clear();
        complete = new HashSet<>();
        joined.clear();
        left.clear();
        updated.clear();
        return new Changes(c, d);
    }

    record Changes(Map<String, MembershipChange> changed, List<String> dropped) {}

    private static List<PodRef> sorted(Set<PodRef> pods) {
        return pods == null ? List.of() : List.copyOf(new TreeSet<>(pods));
    }

    private void join(String id, Entry entry, PodRef pod) {
        if (entry.members.add(pod)) {
            setsOfPod.computeIfAbsent(pod, p -> new HashSet<>()).add(id);
            changed.add(id);
            track(id, pod, joined, left);
        }
    }

    /**
     * Records a member's arrival (or departure) unless it cancels an earlier departure (or arrival); a
     * member that left and came back may have changed meanwhile, so it counts as updated.
     */
    private void track(String id, PodRef pod, Map<String, Set<PodRef>> to, Map<String, Set<PodRef>> undoing) {
        if (complete.contains(id)) {
            return;
        }
        Set<PodRef> memberUpdates = updated.get(id);
        if (memberUpdates != null) {
            memberUpdates.remove(pod);
        }
        Set<PodRef> earlier = undoing.get(id);
        if (earlier != null && earlier.remove(pod)) {
            if (to == joined) {
                memberUpdated(id, pod);
            }
            return;
        }
        to.computeIfAbsent(id, i -> new HashSet<>()).add(pod);
    }

    private void memberUpdated(String id, PodRef pod) {
        if (!complete.contains(id) && !joined.getOrDefault(id, Set.of()).contains(pod)) {
            updated.computeIfAbsent(id, i -> new HashSet<>()).add(pod);
        }
    }

    private void leave(String id, Entry entry, PodRef pod) {
        if (entry.members.remove(pod)) {
            track(id, pod, left, joined);
            Set<String> of = setsOfPod.get(pod);
            if (of != null) {
                of.remove(id);
                if (of.isEmpty()) {
                    setsOfPod.remove(pod);
                }
            }
            changed.add(id);
        }
    }

    @Override
    public String toString() {
        return "PeerSetIndex" + Objects.toString(sets.keySet());
    }
}
