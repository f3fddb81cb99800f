package io.policyledger.app.nodes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.policyledger.core.engine.EnginePod;
import io.policyledger.core.engine.Isolation;
import io.policyledger.core.engine.NamedPort;
import io.policyledger.core.engine.PortMatch;
import io.policyledger.core.engine.Tier;
import io.policyledger.core.engine.VerdictRule;
import io.policyledger.core.net.IpAddress;
import io.policyledger.query.effective.NodeRulesReader.PeerSetState;
import io.policyledger.query.effective.NodeRulesReader.PodRulesState;
import io.policyledger.query.effective.NodeRulesReader.Removed;
import io.policyledger.query.effective.RuleSetJson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The wire form of a node's rule stream: what an enforcement agent needs and nothing more (peers are
 * addresses and ports, never the names of other tenants' pods). Ingress named ports are resolved here
 * against the pod's own ports; egress named ports stay named and are resolved by the agent against
 * the peer set's members, as Kubernetes resolves them per destination.
 *
 * <p>A peer set's content is rendered once per revision and shared by every watcher and snapshot that
 * sends it: many nodes refer to the same sets.
 */
@Component
class NodeRulesPresenter {

    static final String API_VERSION = "policyledger.io/v1";
    private static final int MAX_CACHED_PEER_SETS = 20_000;

    private record Rendered(long revision, String spec) {}

    /** A peer set was said to be rendered but is no longer in the cache. */
    static final class NotRendered extends RuntimeException {
        NotRendered(String id) {
            super("peer set " + id + " is no longer rendered", null, false, false);
        }
    }

    private final ObjectMapper json;
    private final Map<String, Rendered> peerSets = new ConcurrentHashMap<>();

    NodeRulesPresenter() {
        this.json = new ObjectMapper();
    }

    /** Whether this peer set's content at this revision is rendered already (its members need not be read). */
    boolean hasPeerSet(String id, long revision) {
        Rendered r = peerSets.get(id);
        return r != null && r.revision() == revision;
    }

    ObjectNode peerSet(PeerSetState set, long stamp) {
        String spec;
        if (set.members() == null) {
            Rendered cached = peerSets.get(set.id());
            if (cached == null || cached.revision() != set.revision()) {
                throw new NotRendered(set.id());
            }
            spec = cached.spec();
        } else {
            spec = renderPeerSet(set);
            if (peerSets.size() > MAX_CACHED_PEER_SETS) {
                peerSets.clear();
            }
            peerSets.put(set.id(), new Rendered(set.revision(), spec));
        }
        ObjectNode out = header("PeerSet");
        out.putObject("metadata").put("name", set.id()).put("resourceVersion", Long.toString(stamp));
        out.putRawValue("spec", new RawValue(spec));
        return out;
    }

    private String renderPeerSet(PeerSetState set) {
        ObjectNode spec = json.createObjectNode();
        ArrayNode members = spec.putArray("members");
        for (EnginePod member : set.members()) {
            ObjectNode m = members.addObject();
            ArrayNode ips = m.putArray("ips");
            member.ips().forEach(ip -> ips.add(ip.toString()));
            ArrayNode ports = m.putArray("ports");
            member.namedPorts().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(p -> ports.addObject()
                            .put("name", p.getKey())
                            .put("protocol", p.getValue().protocol().name())
                            .put("port", p.getValue().port()));
        }
        return spec.toString();
    }

    ObjectNode podRules(PodRulesState state, long stamp) {
        EnginePod pod = state.pod();
        ObjectNode out = header("PodRules");
        out.putObject("metadata")
                .put("namespace", pod.ref().namespace())
                .put("name", pod.ref().name())
                .put("resourceVersion", Long.toString(stamp));
        ObjectNode spec = out.putObject("spec");
        spec.put("node", pod.node());
        if (state.uid() != null) {
            spec.put("uid", state.uid());
        }
        if (state.netns() != null) {
            spec.put("netns", state.netns());
        }
        ArrayNode ips = spec.putArray("ips");
        pod.ips().stream().map(IpAddress::toString).forEach(ips::add);
        spec.set(
                "ingress",
                direction(state.rules().ingressIsolation(), state.rules().ingress(), pod.namedPorts(), true));
        spec.set(
                "egress",
                direction(state.rules().egressIsolation(), state.rules().egress(), pod.namedPorts(), false));
        return out;
    }

    ObjectNode removed(Removed removed, long stamp) {
        ObjectNode out = header(removed.kind());
        ObjectNode metadata = out.putObject("metadata");
        if (!removed.namespace().isEmpty()) {
            metadata.put("namespace", removed.namespace());
        }
        metadata.put("name", removed.name()).put("resourceVersion", Long.toString(stamp));
        return out;
    }

    ObjectNode bookmark(String node, long revision, boolean initialEventsEnd) {
        ObjectNode out = header("NodeRules");
        ObjectNode metadata =
                out.putObject("metadata").put("name", node).put("resourceVersion", Long.toString(revision));
        if (initialEventsEnd) {
            // Kubernetes marks the end of a watch's initial state this way (sendInitialEvents).
            metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
        }
        return out;
    }

    ObjectNode event(String type, ObjectNode object) {
        ObjectNode out = json.createObjectNode().put("type", type);
        out.set("object", object);
        return out;
    }

    private ObjectNode header(String kind) {
        return json.createObjectNode().put("apiVersion", API_VERSION).put("kind", kind);
    }

    /**
     * One direction: {@code isolated}, the NetworkPolicies' accepting entries ({@code allow}), and the
     * Admin and Baseline tiers' rules ({@code admin}, {@code baseline}), each list in evaluation order and
     * each tier rule with its {@code action}.
     */
    private ObjectNode direction(
            Isolation isolation, List<VerdictRule> rules, Map<String, NamedPort> own, boolean ingress) {
        ObjectNode out = json.createObjectNode();
        out.put("isolated", isolation.byNamespace() || !isolation.byPolicies().isEmpty());
        ArrayNode allow = out.putArray("allow");
        for (VerdictRule rule : rules) {
            ObjectNode entry = json.createObjectNode();
            if (rule.tier() != Tier.NETWORK_POLICY) {
                entry.put("action", rule.action().apiName());
            }
            entry.set("peer", RuleSetJson.peerJson(json, rule.peer()));
            entry.put("allPorts", rule.allPorts());
            ArrayNode ports = entry.putArray("ports");
            for (PortMatch port : rule.ports()) {
                if (!port.isNamed()) {
                    ObjectNode p = ports.addObject()
                            .put("protocol", port.protocol().name())
                            .put("port", port.from());
                    if (port.to() != port.from()) {
                        p.put("endPort", port.to());
                    }
                } else if (!ingress) {
                    ports.addObject().put("protocol", port.protocol().name()).put("name", port.name());
                } else {
                    // A name the pod does not define (for that protocol) admits nothing: it is left out.
                    NamedPort named = own.get(port.name());
                    if (named != null && named.protocol() == port.protocol()) {
                        ports.addObject()
                                .put("protocol", port.protocol().name())
                                .put("port", named.port());
                    }
                }
            }
            if (rule.allPorts() || !ports.isEmpty()) {
                switch (rule.tier()) {
                    case ADMIN -> out.withArray("admin").add(entry);
                    case NETWORK_POLICY -> allow.add(entry);
                    case BASELINE -> out.withArray("baseline").add(entry);
                }
            }
        }
        return out;
    }
}
