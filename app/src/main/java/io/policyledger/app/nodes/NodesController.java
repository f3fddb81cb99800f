package io.policyledger.app.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.PolicyLedgerProperties;
import io.policyledger.app.api.ApiException;
import io.policyledger.app.api.RequestBodyDecoder;
import io.policyledger.app.api.Revisions;
import io.policyledger.app.security.CredentialRecheck;
import io.policyledger.app.web.CallerResolver;
import io.policyledger.core.access.Caller;
import io.policyledger.eventstore.RestoredRevisions;
import io.policyledger.protocol.NodeView;
import io.policyledger.query.effective.EffectiveRulesProjection;
import io.policyledger.query.effective.NodeFleet;
import io.policyledger.query.effective.NodeRulesReader;
import io.policyledger.query.position.ProjectionPositions;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Nodes: each node's rule stream for its agent ({@code nodes/{node}/rules}, list or watch), what the
 * agent reports it enforces ({@code nodes/{node}/status}), and the fleet's convergence ({@code nodes}).
 * Who may call what is decided by the access policy (agents: their own node only).
 */
@RestController
@RequestMapping(path = "/apis/policyledger.io/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class NodesController {

    private static final Pattern NODE_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final NodeStreamSource source;
    private final NodeRuleWatch watch;
    private final NodeFleet fleet;
    private final NodeRuleFeed feed;
    private final ProjectionPositions positions;
    private final NodeStreamProperties properties;
    private final PolicyLedgerProperties ledger;
    private final CallerResolver callers;
    private final RequestBodyDecoder decoder;
    private final Clock clock;
    private final CredentialRecheck credentials;
    private final RestoredRevisions restored;
    private final ObjectMapper json = new ObjectMapper();

    NodesController(
            NodeStreamSource source,
            NodeRuleWatch watch,
            NodeFleet fleet,
            NodeRuleFeed feed,
            ProjectionPositions positions,
            NodeStreamProperties properties,
            PolicyLedgerProperties ledger,
            CallerResolver callers,
            RequestBodyDecoder decoder,
            Clock clock,
            CredentialRecheck credentials,
            RestoredRevisions restored) {
        this.restored = restored;
        this.source = source;
        this.watch = watch;
        this.fleet = fleet;
        this.feed = feed;
        this.positions = positions;
        this.properties = properties;
        this.ledger = ledger;
        this.callers = callers;
        this.decoder = decoder;
        this.clock = clock;
        this.credentials = credentials;
    }

    /** The node's rules now ({@code NodeRulesList}: peer sets, then pods' rules), after the caller's writes. */
    @GetMapping(path = "/nodes/{node}/rules", params = "!watch")
    ObjectNode rules(@PathVariable String node) {
        requireNodeName(node);
        return list(node);
    }

    /**
     * The node's rules as a stream: a snapshot, or with {@code resourceVersion=N} the changes after N;
     * {@code watch=false} lists (as Kubernetes does).
     */
    @GetMapping(path = "/nodes/{node}/rules", params = "watch")
    ResponseEntity<StreamingResponseBody> watch(@PathVariable String node, HttpServletRequest request) {
        requireNodeName(node);
        if (!isTrue(request.getParameter("watch"))) {
            byte[] list = list(node).toString().getBytes(StandardCharsets.UTF_8);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(stream -> stream.write(list));
        }
        long from = resourceVersion(request.getParameter("resourceVersion"));
        NodeRulesReader.Horizon horizon = source.horizon();
        if (from > 0) {
            ApiException.requireNotLost(restored, from);
            if (!horizon.canResumeFrom(from)) {
                throw new ApiException(
                        410, "Expired", NodeRuleWatch.expired(from).message(), null);
            }
            if (!positions.await(EffectiveRulesProjection.NAME, from, ledger.readYourWritesTimeout())) {
                throw ApiException.timeout("Too large resource version: " + from + ", the rules have not reached it");
            }
        }
        if (feed.watchers(node) >= properties.maxWatchesPerNode()) {
            throw new ApiException(
                    429,
                    "TooManyRequests",
                    "node \"" + node + "\" already has " + properties.maxWatchesPerNode() + " watches on this instance",
                    null);
        }
        Duration timeout = timeout(request.getParameter("timeoutSeconds"));
        long start = from > 0 ? from : -1;
        BooleanSupplier credentialLive = credentials.ofCurrentRequest();
        StreamingResponseBody body = out -> watch.stream(node, start, horizon, timeout, credentialLive, out);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private ObjectNode list(String node) {
        if (!positions.await(EffectiveRulesProjection.NAME, positions.logHead(), ledger.readYourWritesTimeout())) {
            throw ApiException.timeout("the rules have not caught up with the log yet; try again");
        }
        NodeStreamSource.State state = source.now(node);
        ObjectNode out = json.createObjectNode()
                .put("apiVersion", NodeRulesPresenter.API_VERSION)
                .put("kind", "NodeRulesList");
        out.putObject("metadata").put("resourceVersion", Long.toString(state.revision()));
        out.putArray("items").addAll(state.items());
        return out;
    }

    /** The agent's report: {@code {"status": {"enforcedRevision": R, "message": "..."}}}. */
    @PutMapping("/nodes/{node}/status")
    NodeView.Node reportStatus(@PathVariable String node, HttpServletRequest request) {
        requireNodeName(node);
        JsonNode body = decoder.decode(request, JsonNode.class);
        JsonNode status = body == null ? null : body.get("status");
        JsonNode revision = status == null ? null : status.get("enforcedRevision");
        if (revision == null || !(revision.canConvertToLong() || revision.isTextual())) {
            throw ApiException.invalidField(
                    "Node",
                    "status.enforcedRevision",
                    revision == null ? null : revision.toString(),
                    "must be the revision (resourceVersion of a BOOKMARK) the agent has enforced");
        }
        long enforced = revision.isTextual()
                ? Revisions.parse(revision.asText(), "status.enforcedRevision")
                : revision.asLong();
        if (enforced < 0 || enforced > source.position()) {
            throw ApiException.invalidField(
                    "Node",
                    "status.enforcedRevision",
                    enforced,
                    "must be between 0 and the rules' current revision " + source.position());
        }
        Optional<Long> restoredHead = restored.lostAbove(enforced);
        if (restoredHead.isPresent()) {
            throw ApiException.invalidField(
                    "Node",
                    "status.enforcedRevision",
                    enforced,
                    RestoredRevisions.lostMessage(enforced, restoredHead.get()));
        }
        JsonNode message = status.get("message");
        String text = message == null || message.isNull() ? null : message.asText();
        if (text != null && text.length() > 1024) {
            throw ApiException.invalidField("Node", "status.message", text.length() + " characters", "at most 1024");
        }
        fleet.report(node, enforced, callers.current().subject(), text, clock.instant());
        return node(node, request);
    }

    @GetMapping({"/nodes/{node}", "/nodes/{node}/status"})
    NodeView.Node node(@PathVariable String node, HttpServletRequest request) {
        requireNodeName(node);
        long position = source.position();
        List<NodeFleet.NodeState> found = fleet.nodes(tenantOf(callers.current()), node, position);
        if (found.isEmpty()) {
            throw ApiException.notFound("nodes \"" + node + "\" not found");
        }
        return show(found.get(0), position, tenantOf(callers.current()) != null);
    }

    /**
     * The fleet: every node with what it enforces, and whether it enforces {@code ?revision=R} (default:
     * the current one): "revision R is enforced on N of M nodes". Tenants see the nodes running their pods.
     */
    @GetMapping("/nodes")
    NodeView.NodeList nodes(HttpServletRequest request) {
        long position = source.position();
        String asked = request.getParameter("revision");
        long revision = asked == null || asked.isEmpty() ? position : Revisions.parse(asked, "revision");
        List<NodeFleet.NodeState> found = fleet.nodes(tenantOf(callers.current()), null, revision);
        long enforcing = found.stream().filter(NodeFleet.NodeState::enforces).count();
        NodeView.Summary summary = new NodeView.Summary(
                revision,
                enforcing,
                found.size(),
                "revision " + revision + " is enforced on " + enforcing + " of " + found.size() + " nodes",
                found.stream()
                        .filter(n -> !n.enforces())
                        .map(NodeFleet.NodeState::name)
                        .toList());
        boolean tenantView = tenantOf(callers.current()) != null;
        return NodeView.NodeList.of(
                position,
                summary,
                found.stream().map(n -> show(n, position, tenantView)).toList());
    }

    /** Tenants see what a node enforces, not who reported it or what it said (it may name other tenants' pods). */
    private static NodeView.Node show(NodeFleet.NodeState n, long position, boolean tenantView) {
        boolean reported = n.enforcedRevision() != null;
        return NodeView.Node.of(
                n.name(),
                new NodeView.Status(
                        n.pods(),
                        n.enforcedRevision(),
                        reported ? Math.max(0, position - n.enforcedRevision()) : null,
                        reported ? n.lastContact().toString() : null,
                        reported && !tenantView ? n.reportedBy() : null,
                        reported && !tenantView ? n.message() : null,
                        n.enforces()));
    }

    private static String tenantOf(Caller caller) {
        return caller.role().tenantScoped() ? caller.tenant() : null;
    }

    private static void requireNodeName(String node) {
        if (node.length() > 253 || !NODE_NAME.matcher(node).matches()) {
            throw ApiException.invalidField("Node", "metadata.name", node, "a node name is a DNS subdomain");
        }
    }

    private static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    private static long resourceVersion(String value) {
        return value == null || value.isEmpty() ? -1 : Revisions.parse(value, "resourceVersion");
    }

    private Duration timeout(String seconds) {
        if (seconds == null || seconds.isEmpty()) {
            return properties.watchTimeout();
        }
        long parsed = Revisions.parse(seconds, "timeoutSeconds");
        return Duration.ofSeconds(Math.min(parsed, properties.watchTimeout().toSeconds()));
    }
}
