package io.policyledger.app.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.core.access.Caller;
import io.policyledger.core.engine.Allow;
import io.policyledger.core.engine.AllowPeer;
import io.policyledger.core.engine.Isolation;
import io.policyledger.core.engine.PolicyRef;
import io.policyledger.core.engine.PortMatch;
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
        out.putObject("metadata").put("namespace", rules.pod().namespace()).put("name", rules.pod().name())
                .put("resourceVersion", Long.toString(rules.revision()));
        ObjectNode pod = out.putObject("pod");
        if (rules.node() != null) {
            pod.put("nodeName", rules.node());
        }
        ArrayNode addresses = pod.putArray("addresses");
        rules.addresses().forEach(addresses::add);
        out.set("ingress", direction(rules.rules().ingressIsolation(), rules.rules().ingress(), "from",
                rules.peerSets(), caller));
        out.set("egress", direction(rules.rules().egressIsolation(), rules.rules().egress(), "to",
                rules.peerSets(), caller));
        return out;
    }

    private ObjectNode direction(Isolation isolation, List<Allow> allows, String peerField,
                                 Map<String, List<Member>> peerSets, Caller caller) {
        ObjectNode out = json.createObjectNode();
        out.put("isolated", isolation.isolated());
        if (isolation.isolated()) {
            ObjectNode by = out.putObject("isolatedBy");
            by.put("namespaceAnnotation", isolation.byNamespace());
            ArrayNode policies = by.putArray("policies");
            isolation.byPolicies().forEach(p -> policies.add(policy(p)));
            ArrayNode list = out.putArray("allow");
            for (Allow allow : allows) {
                ObjectNode entry = list.addObject();
                entry.set(peerField, peer(allow.peer(), peerSets, caller));
                if (allow.allPorts()) {
                    entry.put("ports", "all");
                } else {
                    ArrayNode ports = entry.putArray("ports");
                    allow.ports().forEach(p -> ports.add(port(p)));
                }
                entry.set("policy", policy(allow.policy()));
            }
        } else {
            out.put("note", "not isolated: all traffic in this direction is allowed");
        }
        return out;
    }

    private ObjectNode peer(AllowPeer peer, Map<String, List<Member>> peerSets, Caller caller) {
        ObjectNode out = json.createObjectNode();
        if (peer instanceof AllowPeer.PeerSetMembers set) {
            ArrayNode pods = out.putArray("pods");
            for (Member member : peerSets.getOrDefault(set.peerSetId(), List.of())) {
                ObjectNode m = pods.addObject();
                if (caller.ownsTenant(member.tenant())) {
                    m.put("namespace", member.pod().namespace()).put("name", member.pod().name());
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
                .put("apiVersion", ref.api() == PolicyRef.Api.V1 ? "networking.k8s.io/v1" : "net.alpha.kubernetes.io/v1alpha1")
                .put("kind", "NetworkPolicy").put("namespace", ref.namespace()).put("name", ref.name());
    }
}
