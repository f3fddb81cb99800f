package io.policyledger.app.rules;

import io.policyledger.core.access.Caller;
import io.policyledger.core.engine.AllowPeer;
import io.policyledger.core.engine.ClusterRuleRef;
import io.policyledger.core.engine.Isolation;
import io.policyledger.core.engine.PolicyRef;
import io.policyledger.core.engine.PortMatch;
import io.policyledger.core.engine.Tier;
import io.policyledger.core.engine.VerdictRule;
import io.policyledger.protocol.EffectiveRulesView.AdmittedPort;
import io.policyledger.protocol.EffectiveRulesView.ClusterRuleName;
import io.policyledger.protocol.EffectiveRulesView.Direction;
import io.policyledger.protocol.EffectiveRulesView.EffectiveRules;
import io.policyledger.protocol.EffectiveRulesView.IsolatedBy;
import io.policyledger.protocol.EffectiveRulesView.NetworkPolicyName;
import io.policyledger.protocol.EffectiveRulesView.Peer;
import io.policyledger.protocol.EffectiveRulesView.PeerPod;
import io.policyledger.protocol.EffectiveRulesView.Pod;
import io.policyledger.protocol.EffectiveRulesView.Ports;
import io.policyledger.protocol.EffectiveRulesView.Rule;
import io.policyledger.protocol.NumberOrName;
import io.policyledger.query.effective.EffectiveRulesReader.Member;
import io.policyledger.query.effective.EffectiveRulesReader.PodRules;
import java.util.List;
import java.util.Map;

/**
 * Shows a pod's effective rules as an {@code EffectiveRules} object. A peer pod of the caller's own
 * tenant is shown by namespace, name and addresses; one of another tenant by its addresses only, so a
 * tenant learns what its rules admit without learning anything of the other tenant but an address
 * (which its own traffic would show it anyway).
 */
final class EffectiveRulesPresenter {

    private enum Side {
        INGRESS,
        EGRESS
    }

    EffectiveRules show(PodRules rules, Caller caller) {
        return EffectiveRules.of(
                rules.pod().namespace(),
                rules.pod().name(),
                rules.revision(),
                new Pod(rules.node(), rules.addresses()),
                direction(rules.rules().ingressIsolation(), rules.rules().ingress(), Side.INGRESS, rules, caller),
                direction(rules.rules().egressIsolation(), rules.rules().egress(), Side.EGRESS, rules, caller));
    }

    /**
     * One direction: the Admin tier's rules, whether NetworkPolicies isolate it and what they accept, and
     * the Baseline tier's rules, each list in evaluation order (the first matching tier rule decides).
     */
    private Direction direction(Isolation isolation, List<VerdictRule> rules, Side side, PodRules pod, Caller caller) {
        List<Rule> admin = tier(Tier.ADMIN, rules, side, pod.peerSets(), caller);
        List<Rule> baseline = tier(Tier.BASELINE, rules, side, pod.peerSets(), caller);
        if (isolation.isolated()) {
            List<Rule> allow = rules.stream()
                    .filter(r -> r.tier() == Tier.NETWORK_POLICY)
                    .map(r -> rule(null, r, side, pod.peerSets(), caller, policy(r.policy()), null))
                    .toList();
            IsolatedBy by = new IsolatedBy(
                    isolation.byNamespace(),
                    isolation.byPolicies().stream()
                            .map(EffectiveRulesPresenter::policy)
                            .toList());
            return new Direction(admin, true, by, allow, null, baseline);
        }
        boolean tiers = rules.stream().anyMatch(r -> r.tier() != Tier.NETWORK_POLICY);
        String note = tiers
                ? "not isolated by NetworkPolicies: what no tier decides is allowed"
                : "not isolated: all traffic in this direction is allowed";
        return new Direction(admin, false, null, null, note, baseline);
    }

    private List<Rule> tier(
            Tier tier, List<VerdictRule> rules, Side side, Map<String, List<Member>> peerSets, Caller caller) {
        return rules.stream()
                .filter(r -> r.tier() == tier && r.origin() instanceof ClusterRuleRef)
                .map(r -> {
                    ClusterRuleRef ref = (ClusterRuleRef) r.origin();
                    ClusterRuleName by = ref.ruleName() != null
                            ? new ClusterRuleName(ref.policy(), ref.priority(), ref.ruleName(), null)
                            : new ClusterRuleName(ref.policy(), ref.priority(), null, ref.index());
                    return rule(r.action().apiName(), r, side, peerSets, caller, null, by);
                })
                .toList();
    }

    private static Rule rule(
            String action,
            VerdictRule rule,
            Side side,
            Map<String, List<Member>> peerSets,
            Caller caller,
            NetworkPolicyName policy,
            ClusterRuleName clusterRule) {
        Peer peer = peer(rule.peer(), peerSets, caller);
        Ports ports = rule.allPorts()
                ? Ports.ALL
                : Ports.of(
                        rule.ports().stream().map(EffectiveRulesPresenter::port).toList());
        return new Rule(
                action,
                side == Side.INGRESS ? peer : null,
                side == Side.EGRESS ? peer : null,
                ports,
                policy,
                clusterRule);
    }

    private static Peer peer(AllowPeer peer, Map<String, List<Member>> peerSets, Caller caller) {
        if (peer instanceof AllowPeer.PeerSetMembers set) {
            List<PeerPod> pods = peerSets.getOrDefault(set.peerSetId(), List.of()).stream()
                    .map(m -> caller.ownsTenant(m.tenant())
                            ? new PeerPod(m.pod().namespace(), m.pod().name(), m.addresses())
                            : new PeerPod(null, null, m.addresses()))
                    .toList();
            return Peer.pods(set.peerSetId(), pods);
        }
        if (peer instanceof AllowPeer.Range range) {
            return Peer.range(
                    range.cidr().toString(),
                    range.except().stream().map(Object::toString).toList());
        }
        return Peer.ANYONE;
    }

    private static AdmittedPort port(PortMatch port) {
        String protocol = port.protocol().name();
        if (port.isNamed()) {
            return new AdmittedPort(protocol, NumberOrName.of(port.name()), null);
        }
        if (port.from() == PortMatch.ANY_FROM && port.to() == PortMatch.ANY_TO) {
            return new AdmittedPort(protocol, null, null);
        }
        return new AdmittedPort(protocol, NumberOrName.of(port.from()), port.to() != port.from() ? port.to() : null);
    }

    static NetworkPolicyName policy(PolicyRef ref) {
        return new NetworkPolicyName(
                ref.api() == PolicyRef.Api.V1 ? "networking.k8s.io/v1" : "net.alpha.kubernetes.io/v1alpha1",
                "NetworkPolicy",
                ref.namespace(),
                ref.name());
    }
}
