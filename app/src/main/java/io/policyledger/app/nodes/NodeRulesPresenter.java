package io.policyledger.app.nodes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.policyledger.core.engine.AllowPeer;
import io.policyledger.core.engine.EnginePod;
import io.policyledger.core.engine.Isolation;
import io.policyledger.core.engine.NamedPort;
import io.policyledger.core.engine.PortMatch;
import io.policyledger.core.engine.Tier;
import io.policyledger.core.engine.VerdictRule;
import io.policyledger.core.net.IpAddress;
import io.policyledger.protocol.DirectionRules;
import io.policyledger.protocol.NodeView;
import io.policyledger.protocol.Peer;
import io.policyledger.protocol.PeerSetSpec;
import io.policyledger.protocol.PodRulesSpec;
import io.policyledger.protocol.Port;
import io.policyledger.protocol.RuleEntry;
import io.policyledger.query.effective.NodeRulesReader.PeerSetState;
import io.policyledger.query.effective.NodeRulesReader.PodRulesState;
import io.policyledger.query.effective.NodeRulesReader.Removed;
import java.util.ArrayList;
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

    static final String API_VERSION = NodeView.API_VERSION;
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
        List<PeerSetSpec.Member> members = new ArrayList<>();
        for (EnginePod member : set.members()) {
            List<PeerSetSpec.NamedPort> ports = member.namedPorts().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(p -> new PeerSetSpec.NamedPort(
                            p.getKey(),
                            p.getValue().protocol().name(),
                            p.getValue().port()))
                    .toList();
            members.add(new PeerSetSpec.Member(
                    member.ips().stream().map(IpAddress::toString).toList(), ports));
        }
        try {
            return json.writeValueAsString(new PeerSetSpec(members));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode podRules(PodRulesState state, long stamp) {
        EnginePod pod = state.pod();
        ObjectNode out = header("PodRules");
        out.putObject("metadata")
                .put("namespace", pod.ref().namespace())
                .put("name", pod.ref().name())
                .put("resourceVersion", Long.toString(stamp));
        PodRulesSpec spec = new PodRulesSpec(
                pod.node(),
                state.uid(),
                state.netns(),
                pod.ips().stream().map(IpAddress::toString).toList(),
                direction(state.rules().ingressIsolation(), state.rules().ingress(), pod.namedPorts(), true),
                direction(state.rules().egressIsolation(), state.rules().egress(), pod.namedPorts(), false));
        out.set("spec", json.valueToTree(spec));
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
     * One direction: whether NetworkPolicies isolate it, their accepting entries, and the Admin and
     * Baseline tiers' rules, each list in evaluation order. Ingress named ports are resolved against the
     * pod's own ports here; egress ones stay named (the agent resolves them per destination).
     */
    private static DirectionRules direction(
            Isolation isolation, List<VerdictRule> rules, Map<String, NamedPort> own, boolean ingress) {
        List<RuleEntry> admin = new ArrayList<>();
        List<RuleEntry> allow = new ArrayList<>();
        List<RuleEntry> baseline = new ArrayList<>();
        for (VerdictRule rule : rules) {
            List<Port> ports = new ArrayList<>();
            for (PortMatch port : rule.ports()) {
                if (!port.isNamed()) {
                    ports.add(Port.number(port.protocol().name(), port.from(), port.to()));
                } else if (!ingress) {
                    ports.add(Port.named(port.protocol().name(), port.name()));
                } else {
                    // A name the pod does not define (for that protocol) admits nothing: it is left out.
                    NamedPort named = own.get(port.name());
                    if (named != null && named.protocol() == port.protocol()) {
                        ports.add(Port.number(port.protocol().name(), named.port(), named.port()));
                    }
                }
            }
            if (!rule.allPorts() && ports.isEmpty()) {
                continue;
            }
            RuleEntry entry = new RuleEntry(
                    rule.tier() == Tier.NETWORK_POLICY ? null : rule.action().apiName(),
                    peer(rule.peer()),
                    rule.allPorts(),
                    ports);
            switch (rule.tier()) {
                case ADMIN -> admin.add(entry);
                case NETWORK_POLICY -> allow.add(entry);
                case BASELINE -> baseline.add(entry);
            }
        }
        return new DirectionRules(
                isolation.byNamespace() || !isolation.byPolicies().isEmpty(), allow, admin, baseline);
    }

    private static Peer peer(AllowPeer peer) {
        if (peer instanceof AllowPeer.PeerSetMembers set) {
            return Peer.set(set.peerSetId());
        } else if (peer instanceof AllowPeer.Range range) {
            return Peer.range(
                    range.cidr().toString(),
                    range.except().stream().map(Object::toString).toList());
        }
        return Peer.everyone();
    }
}
