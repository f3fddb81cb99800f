package io.policyledger.app.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.core.access.Caller;
import io.policyledger.core.engine.AllowPeer;
import io.policyledger.core.engine.ClusterRuleRef;
import io.policyledger.core.engine.Isolation;
import io.policyledger.core.engine.PolicyRef;
import io.policyledger.core.engine.PortMatch;
import io.policyledger.core.engine.Tier;
import io.policyledger.core.engine.VerdictRule;
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

    static final String API_VERSION = "policyledger.io/v1";

    private final ObjectMapper json;

    EffectiveRulesPresenter(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode show(PodRules rules, Caller caller) {
        ObjectNode out = json.createObjectNode().put("apiVersion", API_VERSION).put("kind", "EffectiveRules");
        out.putObject("metadata")
                .put("namespace", rules.pod().namespace())
                .put("name", rules.pod().name())
                .put("resourceVersion", Long.toString(rules.revision()));
        ObjectNode pod = out.putObject("pod");
        if (rules.node() != null) {
            pod.put("nodeName", rules.node());
        }
        ArrayNode addresses = pod.putArray("addresses");
        rules.addresses().forEach(addresses::add);
        out.set(
                "ingress",
                direction(rules.rules().ingressIsolation(), rules.rules().ingress(), "from", rules.peerSets(), caller));
        out.set(
                "egress",
                direction(rules.rules().egressIsolation(), rules.rules().egress(), "to", rules.peerSets(), caller));
        return out;
    }

    /**
     * One direction: the Admin tier's rules, whether NetworkPolicies isolate it and what they accept, and
     * the Baseline tier's rules, each list in evaluation order (the first matching tier rule decides).
     */
    private ObjectNode direction(
            Isolation isolation,
            List<VerdictRule> rules,
            String peerField,
            Map<String, List<Member>> peerSets,
            Caller caller) {
        ObjectNode out = json.createObjectNode();
        tier(out, "admin", Tier.ADMIN, rules, peerField, peerSets, caller);
        out.put("isolated", isolation.isolated());
        if (isolation.isolated()) {
            ObjectNode by = out.putObject("isolatedBy");
            by.put("namespaceAnnotation", isolation.byNamespace());
            ArrayNode policies = by.putArray("policies");
            isolation.byPolicies().forEach(p -> policies.add(policy(p)));
            ArrayNode list = out.putArray("allow");
            for (VerdictRule allow : rules) {
                if (allow.tier() == Tier.NETWORK_POLICY) {
                    ObjectNode entry = entry(allow, peerField, peerSets, caller);
                    entry.set("policy", policy(allow.policy()));
                    list.add(entry);
                }
            }
        } else {
            boolean tiers = rules.stream().anyMatch(r -> r.tier() != Tier.NETWORK_POLICY);
            out.put(
                    "note",
                    tiers
                            ? "not isolated by NetworkPolicies: what no tier decides is allowed"
                            : "not isolated: all traffic in this direction is allowed");
        }
        tier(out, "baseline", Tier.BASELINE, rules, peerField, peerSets, caller);
        return out;
    }

    private void tier(
            ObjectNode out,
            String field,
            Tier tier,
            List<VerdictRule> rules,
            String peerField,
            Map<String, List<Member>> peerSets,
            Caller caller) {
        for (VerdictRule rule : rules) {
            if (rule.tier() == tier && rule.origin() instanceof ClusterRuleRef ref) {
                ObjectNode entry =
                        json.createObjectNode().put("action", rule.action().apiName());
                entry.setAll(entry(rule, peerField, peerSets, caller));
                ObjectNode by = entry.putObject("clusterNetworkPolicy")
                        .put("name", ref.policy())
                        .put("priority", ref.priority());
                if (ref.ruleName() != null) {
                    by.put("rule", ref.ruleName());
                } else {
                    by.put("ruleIndex", ref.index());
                }
                out.withArray(field).add(entry);
            }
        }
    }

    private ObjectNode entry(VerdictRule rule, String peerField, Map<String, List<Member>> peerSets, Caller caller) {
        ObjectNode entry = json.createObjectNode();
        entry.set(peerField, peer(rule.peer(), peerSets, caller));
        if (rule.allPorts()) {
            entry.put("ports", "all");
        } else {
            ArrayNode ports = entry.putArray("ports");
            rule.ports().forEach(p -> ports.add(port(p)));
        }
        return entry;
    }

    private ObjectNode peer(AllowPeer peer, Map<String, List<Member>> peerSets, Caller caller) {
        ObjectNode out = json.createObjectNode();
        if (peer instanceof AllowPeer.PeerSetMembers set) {
            ArrayNode pods = out.putArray("pods");
            for (Member member : peerSets.getOrDefault(set.peerSetId(), List.of())) {
                ObjectNode m = pods.addObject();
                if (caller.ownsTenant(member.tenant())) {
                    m.put("namespace", member.pod().namespace())
                            .put("name", member.pod().name());
                }
                ArrayNode addresses = m.putArray("addresses");
                member.addresses().forEach(addresses::add);
            }
            out.put("peerSet", set.peerSetId());
        } else if (peer instanceof AllowPeer.Range range) {
            out.put("cidr", range.cidr().toString());
            if (!range.except().isEmpty()) {
                ArrayNode except = out.putArray("except");
                range.except().forEach(e -> except.add(e.toString()));
            }
        } else {
            out.put("anyone", true);
        }
        return out;
    }

    private ObjectNode port(PortMatch port) {
        ObjectNode out = json.createObjectNode().put("protocol", port.protocol().name());
        if (port.isNamed()) {
            return out.put("port", port.name());
        }
        if (port.from() == PortMatch.ANY_FROM && port.to() == PortMatch.ANY_TO) {
            return out;
        }
        out.put("port", port.from());
        if (port.to() != port.from()) {
            out.put("endPort", port.to());
        }
        return out;
    }

    ObjectNode policy(PolicyRef ref) {
        return json.createObjectNode()
                .put(
                        "apiVersion",
                        ref.api() == PolicyRef.Api.V1 ? "networking.k8s.io/v1" : "net.alpha.kubernetes.io/v1alpha1")
                .put("kind", "NetworkPolicy")
                .put("namespace", ref.namespace())
                .put("name", ref.name());
    }
}
