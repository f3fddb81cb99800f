package io.policyledger.core.engine;

import io.policyledger.core.net.IpAddress;
import java.util.List;

/**
 * Answers connectivity questions from the engine's rule sets: the same rule sets agents enforce, so
 * the answer is what the dataplane will do. Traffic from a node to its own pods is always allowed.
 */
public final class ConnectivityEvaluator {

    private final RuleView engine;

    public ConnectivityEvaluator(RuleView rules) {
        this.engine = rules;
    }

    /** An address that belongs to a known pod is that pod; any other is an outside address. */
    public Endpoint resolve(IpAddress ip) {
        return engine.podWithAddress(ip)
                .<Endpoint>map(pod -> new Endpoint.Pod(pod.ref()))
                .orElse(new Endpoint.Address(ip));
    }

    public Verdict check(Endpoint from, Endpoint to, Protocol protocol, int port) {
        Verdict.DirectionVerdict egress = egress(from, to, protocol, port);
        Verdict.DirectionVerdict ingress = ingress(from, to, protocol, port);
        return new Verdict(egress.allowed() && ingress.allowed(), egress, ingress);
    }

    private Verdict.DirectionVerdict egress(Endpoint from, Endpoint to, Protocol protocol, int port) {
        if (!(from instanceof Endpoint.Pod source)) {
            return new Verdict.DirectionVerdict(false, true, Isolation.NONE, from + " has no egress rules here");
        }
        PodRuleSet rules = engine.ruleSet(source.ref());
        if (rules == null) {
            return new Verdict.DirectionVerdict(true, false, Isolation.NONE, "pod " + source.ref() + " is not known");
        }
        VerdictChain.Decision d = VerdictChain.decide(
                rules.egress(),
                rules.egressIsolation(),
                rule -> matchesPeer(rule.peer(), to) && matchesPort(rule, to, protocol, port, false));
        String reason;
        if (d.decidedIn() == Tier.NETWORK_POLICY) {
            reason = d.allowed()
                    ? "pod " + source.ref() + " may send to " + to + " on " + protocol + " " + port + ", allowed by "
                            + d.acceptedBy()
                    : "pod " + source.ref() + " is isolated for egress by "
                            + VerdictChain.describe(rules.egressIsolation()) + "; none admits " + to + " on " + protocol
                            + " " + port;
        } else if (d.decidedIn() == null && d.steps().size() == 1) {
            reason = "pod " + source.ref() + " is not isolated for egress";
        } else {
            reason = "pod " + source.ref() + " sending to " + to + " on " + protocol + " " + port + ": " + d.explain();
        }
        return new Verdict.DirectionVerdict(
                true,
                d.allowed(),
                rules.egressIsolation(),
                d.acceptedBy(),
                reason,
                d.steps(),
                withNodeLint(d.lints(), to, rules.egress()));
    }

    private Verdict.DirectionVerdict ingress(Endpoint from, Endpoint to, Protocol protocol, int port) {
        if (!(to instanceof Endpoint.Pod destination)) {
            return new Verdict.DirectionVerdict(false, true, Isolation.NONE, to + " has no ingress rules here");
        }
        PodRuleSet rules = engine.ruleSet(destination.ref());
        if (rules == null) {
            return new Verdict.DirectionVerdict(
                    true, false, Isolation.NONE, "pod " + destination.ref() + " is not known");
        }
        EnginePod pod = engine.pod(destination.ref());
        if (from instanceof Endpoint.Node node && node.name().equals(pod.node())) {
            return new Verdict.DirectionVerdict(
                    true, true, rules.ingressIsolation(), "traffic from a node to its own pods is always allowed");
        }
        VerdictChain.Decision d = VerdictChain.decide(
                rules.ingress(),
                rules.ingressIsolation(),
                rule -> matchesPeer(rule.peer(), from) && matchesPort(rule, from, protocol, port, true));
        String reason;
        if (d.decidedIn() == Tier.NETWORK_POLICY) {
            reason = d.allowed()
                    ? "pod " + destination.ref() + " admits " + from + " on " + protocol + " " + port + ", allowed by "
                            + d.acceptedBy()
                    : "pod " + destination.ref() + " is isolated for ingress by "
                            + VerdictChain.describe(rules.ingressIsolation()) + "; none admits " + from + " on "
                            + protocol + " "
                            + port;
        } else if (d.decidedIn() == null && d.steps().size() == 1) {
            reason = "pod " + destination.ref() + " is not isolated for ingress";
        } else {
            reason = "pod " + destination.ref() + " receiving from " + from + " on " + protocol + " " + port + ": "
                    + d.explain();
        }
        return new Verdict.DirectionVerdict(
                true,
                d.allowed(),
                rules.ingressIsolation(),
                d.acceptedBy(),
                reason,
                d.steps(),
                withNodeLint(d.lints(), from, rules.ingress()));
    }

    /**
     * A node's addresses are not known here, so address ranges (ipBlock, networks) were not matched
     * against it; the dataplane matches them against its real address, and may decide otherwise.
     */
    private static List<String> withNodeLint(List<String> lints, Endpoint peer, List<VerdictRule> rules) {
        if (!(peer instanceof Endpoint.Node node)
                || rules.stream().noneMatch(r -> r.peer() instanceof AllowPeer.Range)) {
            return lints;
        }
        List<String> out = new java.util.ArrayList<>(lints);
        out.add("node " + node.name() + "'s addresses are not known here: rules on address ranges were not matched "
                + "against it, and the dataplane, which matches its real address, may decide otherwise; check its "
                + "address instead");
        return out;
    }

    private boolean matchesPeer(AllowPeer allowed, Endpoint peer) {
        if (allowed instanceof AllowPeer.Anyone) {
            return true;
        }
        if (allowed instanceof AllowPeer.PeerSetMembers set) {
            return peer instanceof Endpoint.Pod pod && engine.inPeerSet(set.peerSetId(), pod.ref());
        }
        AllowPeer.Range range = (AllowPeer.Range) allowed;
        for (IpAddress ip : addressesOf(peer)) {
            if (range.cidr().contains(ip) && range.except().stream().noneMatch(e -> e.contains(ip))) {
                return true;
            }
        }
        return false;
    }

    private List<IpAddress> addressesOf(Endpoint endpoint) {
        if (endpoint instanceof Endpoint.Address address) {
            return List.of(address.ip());
        }
        if (endpoint instanceof Endpoint.Pod pod) {
            EnginePod known = engine.pod(pod.ref());
            return known == null ? List.of() : known.ips();
        }
        return List.of();
    }

    private boolean matchesPort(VerdictRule allow, Endpoint peer, Protocol protocol, int port, boolean ingress) {
        if (allow.allPorts()) {
            return true;
        }
        for (PortMatch match : allow.ports()) {
            if (!match.isNamed()) {
                if (match.covers(protocol, port)) {
                    return true;
                }
            } else if (!ingress && peer instanceof Endpoint.Pod pod && match.protocol() == protocol) {
                EnginePod destination = engine.pod(pod.ref());
                NamedPort named =
                        destination == null ? null : destination.namedPorts().get(match.name());
                if (named != null && named.protocol() == protocol && named.port() == port) {
                    return true;
                }
            }
        }
        return false;
    }
}
