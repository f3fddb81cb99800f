package io.policyledger.core.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which pod-to-pod connections a change would allow or deny that were not before: the engine before
 * and after the change, and the deltas the change produced, are compared.
 *
 * <p>Only connections that involve a touched pod can change: one whose rule set changed, one that
 * joined or left a peer set, or the pod the change is about. For each such pair, ports are split into
 * ranges inside which no rule of either side (before or after) distinguishes one port from another;
 * one probe per range and protocol decides the range. Only pods that exist both before and after are
 * paired (a pod that comes or goes has nothing to compare); connections to and from outside addresses
 * are not listed (the rules about them are in the pods' rule sets).
 */
public final class ImpactAnalysis {

    /** The answer: the changes found, and whether the budget of evaluations ran out first. */
    public record Impact(List<VerdictChange> changes, boolean truncated, int pairsExamined) {}

    private ImpactAnalysis() {}

    public static Impact between(
            PolicyEngine before,
            PolicyEngine after,
            List<EngineDelta> deltas,
            Collection<PodRef> subjects,
            int maxEvaluations) {
        Set<PodRef> touched = new TreeSet<>(subjects);
        for (EngineDelta delta : deltas) {
            if (delta instanceof EngineDelta.RuleSetUpdated u) {
                touched.add(u.ruleSet().pod());
            } else if (delta instanceof EngineDelta.RuleSetRemoved r) {
                touched.add(r.pod());
            } else if (delta instanceof EngineDelta.PeerSetUpdated u) {
                touched.addAll(u.touched());
            }
        }
        Set<PodRef> everyone = new TreeSet<>();
        before.pods().forEach(p -> everyone.add(p.ref()));
        after.pods().forEach(p -> everyone.add(p.ref()));
        ConnectivityEvaluator was = new ConnectivityEvaluator(before);
        ConnectivityEvaluator will = new ConnectivityEvaluator(after);
        List<VerdictChange> changes = new ArrayList<>();
        int evaluations = 0;
        int pairs = 0;
        Set<List<PodRef>> seen = new HashSet<>();
        for (PodRef t : touched) {
            for (PodRef other : everyone) {
                for (List<PodRef> pair : List.of(List.of(t, other), List.of(other, t))) {
                    if (pair.get(0).equals(pair.get(1)) || !seen.add(pair)) {
                        continue;
                    }
                    if (evaluations >= maxEvaluations) {
                        return new Impact(sorted(changes), true, pairs);
                    }
                    pairs++;
                    evaluations += compare(pair.get(0), pair.get(1), before, after, was, will, changes);
                }
            }
        }
        return new Impact(sorted(changes), false, pairs);
    }

    /** Compares one pair on every protocol and port range; answers the number of evaluations made. */
    private static int compare(
            PodRef from,
            PodRef to,
            PolicyEngine before,
            PolicyEngine after,
            ConnectivityEvaluator was,
            ConnectivityEvaluator will,
            List<VerdictChange> out) {
        Endpoint source = new Endpoint.Pod(from);
        Endpoint destination = new Endpoint.Pod(to);
        if (before.pod(from) == null || before.pod(to) == null || after.pod(from) == null || after.pod(to) == null) {
            return 0; // a pod that comes or goes has no verdict on one side to compare with
        }
        int evaluations = 0;
        for (Protocol protocol : Protocol.values()) {
            TreeSet<Integer> cuts = new TreeSet<>(List.of(PortMatch.ANY_FROM, PortMatch.ANY_TO + 1));
            for (PolicyEngine engine : List.of(before, after)) {
                cutsOf(engine.ruleSet(from), engine.ruleSet(to), engine.pod(to), protocol, cuts);
            }
            Integer start = null;
            for (int cut : cuts) {
                if (start != null) {
                    boolean a = was.check(source, destination, protocol, start).allowed();
                    boolean b = will.check(source, destination, protocol, start).allowed();
                    evaluations++;
                    if (a != b) {
                        merge(out, new VerdictChange(from, to, protocol, start, cut - 1, a, b));
                    }
                }
                start = cut;
            }
        }
        return evaluations;
    }

    /** Adjacent ranges with the same flip read as one. */
    private static void merge(List<VerdictChange> out, VerdictChange change) {
        if (!out.isEmpty()) {
            VerdictChange last = out.get(out.size() - 1);
            if (last.from().equals(change.from())
                    && last.to().equals(change.to())
                    && last.protocol() == change.protocol()
                    && last.endPort() + 1 == change.port()
                    && last.allowedBefore() == change.allowedBefore()
                    && last.allowedAfter() == change.allowedAfter()) {
                out.set(
                        out.size() - 1,
                        new VerdictChange(
                                last.from(),
                                last.to(),
                                last.protocol(),
                                last.port(),
                                change.endPort(),
                                last.allowedBefore(),
                                last.allowedAfter()));
                return;
            }
        }
        out.add(change);
    }

    private static void cutsOf(
            PodRuleSet source,
            PodRuleSet destination,
            EnginePod destinationPod,
            Protocol protocol,
            TreeSet<Integer> cuts) {
        List<VerdictRule> entries = new ArrayList<>();
        if (source != null) {
            entries.addAll(source.egress());
        }
        if (destination != null) {
            entries.addAll(destination.ingress());
        }
        for (VerdictRule allow : entries) {
            for (PortMatch port : allow.ports()) {
                if (port.protocol() != protocol) {
                    continue;
                }
                if (port.isNamed()) {
                    NamedPort named = destinationPod == null
                            ? null
                            : destinationPod.namedPorts().get(port.name());
                    if (named != null) {
                        cuts.add(named.port());
                        cuts.add(named.port() + 1);
                    }
                } else {
                    cuts.add(port.from());
                    cuts.add(port.to() + 1);
                }
            }
        }
    }

    private static List<VerdictChange> sorted(List<VerdictChange> changes) {
        List<VerdictChange> out = new ArrayList<>(changes);
        out.sort(null);
        return out;
    }
}
