package io.policyledger.query.effective;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.core.engine.AllowPeer;
import io.policyledger.core.engine.ClusterRuleRef;
import io.policyledger.core.engine.Isolation;
import io.policyledger.core.engine.PodRef;
import io.policyledger.core.engine.PodRuleSet;
import io.policyledger.core.engine.PolicyRef;
import io.policyledger.core.engine.PortMatch;
import io.policyledger.core.engine.Protocol;
import io.policyledger.core.engine.RuleAction;
import io.policyledger.core.engine.RuleOrigin;
import io.policyledger.core.engine.Tier;
import io.policyledger.core.engine.VerdictRule;
import io.policyledger.core.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a pod's rule set ({@code effective_rule_set.rules}), written and read here only, so
 * that what is stored is decided in one place rather than by whatever the engine's records look like:
 * <pre>
 * {"ingress": {"isolatedByNamespace": false, "isolatedByPolicies": [{"api": "V1", "namespace": "x", "name": "p"}],
 *              "allow": [{"peer": {"anyone": true} | {"peerSet": "ps-…"} | {"cidr": "…", "except": ["…"]},
 *                         "allPorts": false, "ports": [{"protocol": "TCP", "from": 80, "to": 80} | {"protocol": "TCP", "name": "http"}],
 *                         "policy": {…}}],
 *              "admin": [{"action": "Accept" | "Deny" | "Pass", "peer": …, "allPorts": …, "ports": […],
 *                         "clusterRule": {"policy": "p", "tier": "Admin", "priority": 10, "index": 0, "name": "r"}}],
 *              "baseline": [… as admin]},
 *  "egress": {…}}
 * </pre>
 * Each list is in evaluation order; a row written before the tiers existed has neither tier list.
 */
public final class RuleSetJson {

    private final ObjectMapper json;

    RuleSetJson(ObjectMapper json) {
        this.json = json;
    }

    String write(PodRuleSet rules) {
        ObjectNode root = json.createObjectNode();
        root.set("ingress", direction(rules.ingressIsolation(), rules.ingress()));
        root.set("egress", direction(rules.egressIsolation(), rules.egress()));
        return root.toString();
    }

    PodRuleSet read(PodRef pod, String stored) {
        try {
            JsonNode root = json.readTree(stored);
            return new PodRuleSet(
                    pod,
                    isolation(root.get("ingress")),
                    rules(root.get("ingress")),
                    isolation(root.get("egress")),
                    rules(root.get("egress")));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable rule set of " + pod, e);
        }
    }

    private ObjectNode direction(Isolation isolation, List<VerdictRule> rules) {
        ObjectNode out = json.createObjectNode();
        out.put("isolatedByNamespace", isolation.byNamespace());
        ArrayNode by = out.putArray("isolatedByPolicies");
        isolation.byPolicies().forEach(p -> by.add(policy(p)));
        ArrayNode np = out.putArray("allow");
        for (VerdictRule allow : rules) {
            ArrayNode list = switch (allow.tier()) {
                case ADMIN -> out.withArray("admin");
                case NETWORK_POLICY -> np;
                case BASELINE -> out.withArray("baseline");
            };
            ObjectNode entry = list.addObject();
            if (allow.origin() instanceof ClusterRuleRef rule) {
                entry.put("action", allow.action().apiName());
                entry.putObject("clusterRule")
                        .put("policy", rule.policy())
                        .put("tier", rule.tier().apiName())
                        .put("priority", rule.priority())
                        .put("index", rule.index())
                        .put("name", rule.ruleName());
            }
            entry.set("peer", peer(allow.peer()));
            entry.put("allPorts", allow.allPorts());
            ArrayNode ports = entry.putArray("ports");
            for (PortMatch port : allow.ports()) {
                ObjectNode p = ports.addObject().put("protocol", port.protocol().name());
                if (port.isNamed()) {
                    p.put("name", port.name());
                } else {
                    p.put("from", port.from()).put("to", port.to());
                }
            }
            if (allow.policy() != null) {
                entry.set("policy", policy(allow.policy()));
            }
        }
        return out;
    }

    private ObjectNode peer(AllowPeer peer) {
        return peerJson(json, peer);
    }

    /**
     * A peer as stored and as agents receive it: {@code {"peerSet": id}}, {@code {"cidr": …, "except": […]}}
     * or {@code {"anyone": true}}.
     */
    public static ObjectNode peerJson(ObjectMapper json, AllowPeer peer) {
        ObjectNode out = json.createObjectNode();
        if (peer instanceof AllowPeer.PeerSetMembers set) {
            out.put("peerSet", set.peerSetId());
        } else if (peer instanceof AllowPeer.Range range) {
            out.put("cidr", range.cidr().toString());
            ArrayNode except = out.putArray("except");
            range.except().forEach(e -> except.add(e.toString()));
        } else {
            out.put("anyone", true);
        }
        return out;
    }

    private ObjectNode policy(PolicyRef ref) {
        return json.createObjectNode()
                .put("api", ref.api().name())
                .put("namespace", ref.namespace())
                .put("name", ref.name());
    }

    private static Isolation isolation(JsonNode direction) {
        List<PolicyRef> by = new ArrayList<>();
        direction.get("isolatedByPolicies").forEach(p -> by.add(policyRef(p)));
        return new Isolation(direction.get("isolatedByNamespace").asBoolean(), by);
    }

    /** Admin, NetworkPolicy, then Baseline: the evaluation order. */
    private static List<VerdictRule> rules(JsonNode direction) {
        List<VerdictRule> out = new ArrayList<>();
        for (String list : List.of("admin", "allow", "baseline")) {
            for (JsonNode entry : direction.path(list)) {
                out.add(rule(entry));
            }
        }
        return out;
    }

    private static VerdictRule rule(JsonNode entry) {
        List<PortMatch> ports = new ArrayList<>();
        for (JsonNode p : entry.get("ports")) {
            Protocol protocol = Protocol.valueOf(p.get("protocol").asText());
            ports.add(
                    p.has("name")
                            ? PortMatch.named(protocol, p.get("name").asText())
                            : PortMatch.range(
                                    protocol, p.get("from").asInt(), p.get("to").asInt()));
        }
        JsonNode rule = entry.get("clusterRule");
        RuleOrigin origin = rule == null
                ? policyRef(entry.get("policy"))
                : new ClusterRuleRef(
                        rule.get("policy").asText(),
                        Tier.ofApiName(rule.get("tier").asText()),
                        rule.get("priority").asInt(),
                        rule.get("index").asInt(),
                        rule.get("name").isNull() ? null : rule.get("name").asText());
        RuleAction action = rule == null
                ? RuleAction.ACCEPT
                : RuleAction.ofApiName(entry.get("action").asText());
        return new VerdictRule(
                action, peerOf(entry.get("peer")), entry.get("allPorts").asBoolean(), ports, origin);
    }

    private static AllowPeer peerOf(JsonNode peer) {
        if (peer.has("peerSet")) {
            return new AllowPeer.PeerSetMembers(peer.get("peerSet").asText());
        }
        if (peer.has("cidr")) {
            List<Cidr> except = new ArrayList<>();
            peer.get("except").forEach(e -> except.add(cidr(e.asText())));
            return new AllowPeer.Range(cidr(peer.get("cidr").asText()), except);
        }
        return AllowPeer.ANYONE;
    }

    private static Cidr cidr(String text) {
        return Cidr.parse(text).orElseThrow(() -> new IllegalStateException("stored CIDR unreadable: " + text));
    }

    static PolicyRef policyRef(JsonNode p) {
        return new PolicyRef(
                PolicyRef.Api.valueOf(p.get("api").asText()),
                p.get("namespace").asText(),
                p.get("name").asText());
    }
}
