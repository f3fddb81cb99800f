package io.policyledger.app.nodes;

import static io.policyledger.app.testing.Bodies.namespaceOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.app.testing.WatchStream;
import io.policyledger.query.effective.EffectiveRulesProjection;
import io.policyledger.query.effective.NodeRulesReader;
import io.policyledger.query.position.ProjectionPositions;
import io.policyledger.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agents' rule stream, through the API against a real database: a snapshot of the node, then each
 * change to the node's pods and to the peer sets they use, in dependency order; resuming after a
 * revision gives exactly what a fresh snapshot holds; what is too old answers 410; agents see only
 * their node.
 */
class NodeRuleStreamIT {

    static final String NODES = "/apis/policyledger.io/v1/nodes/";
    static final String V1 = "/apis/networking.k8s.io/v1/namespaces/";
    static final Duration WAIT = Duration.ofSeconds(20);

    private static RunningApp app;
    private static ApiClient platform;
    private static ApiClient agent1;
    private static ApiClient agent2;

    @BeforeAll
    static void world() {
        app = RunningApp.start(TestDatabase.createDatabase(), "--policy-ledger.node-stream.bookmark-interval=400ms");
        platform = app.api();
        ok(platform.post("/api/v1/namespaces", namespaceOf("tenant-a", "x", "{}")));
        ok(platform.post("/api/v1/namespaces/x/pods", pod("a", "web", "node-1", "10.1.0.1")));
        ok(platform.post("/api/v1/namespaces/x/pods", pod("b", "db", "node-1", "10.1.0.2")));
        ok(platform.post("/api/v1/namespaces/x/pods", pod("c", "other", "node-2", "10.1.0.3")));
        agent1 = platform.as(agentToken("node-1"));
        agent2 = platform.as(agentToken("node-2"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /**
     * Each test starts from settled rules: a write answers once the objects show it, and the rules may
     * follow a moment later, so the previous test's last changes could otherwise land in this one's rounds.
     */
    @BeforeEach
    void settled() {
        ProjectionPositions positions = app.bean(ProjectionPositions.class);
        assertThat(positions.await(EffectiveRulesProjection.NAME, positions.logHead(), WAIT))
                .isTrue();
    }

    @Test
    void aWatchStartsWithTheNodesPodsThenFollowsEveryChangeInDependencyOrder() {
        try (WatchStream watch = agent1.watch(NODES + "node-1/rules?watch=true")) {
            assertThat(watch.status()).isEqualTo(200);
            List<JsonNode> snapshot = watch.until(initialEventsEnd(), WAIT);
            NodeModel model = new NodeModel().apply(snapshot);
            assertThat(model.specs.keySet()).containsExactly("PodRules x/a", "PodRules x/b");
            assertThat(types(snapshot)).containsOnly("ADDED", "BOOKMARK");
            assertThat(model.specs.get("PodRules x/b").at("/ingress/isolated").asBoolean())
                    .isFalse();

            // A policy on b: the peer set of web pods comes first, then b's rules that use it.
            ok(platform.post(V1 + "x/networkpolicies", policy("db-from-web", "db", "web")));
            List<JsonNode> round = watch.until(bookmark(), WAIT);
            model.apply(round);
            assertThat(kinds(round)).containsExactly("PeerSet", "PodRules", "NodeRules");
            JsonNode b = model.specs.get("PodRules x/b");
            assertThat(b.at("/ingress/isolated").asBoolean()).isTrue();
            assertThat(b.at("/ingress/allow/0/ports/0/port").asInt())
                    .as("named port resolved")
                    .isEqualTo(5432);
            String peerSet = b.at("/ingress/allow/0/peer/peerSet").asText();
            assertThat(model.specs.get("PeerSet /" + peerSet).toString())
                    .contains("10.1.0.1")
                    .doesNotContain("10.1.0.3");

            // A pod on another node joins the set: node-1 hears of it, because its rules use the set.
            ok(platform.patch(
                    "/api/v1/namespaces/x/pods/c",
                    "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}"));
            round = watch.until(bookmark(), WAIT);
            model.apply(round);
            assertThat(kinds(round)).containsExactly("PeerSet", "NodeRules");
            assertThat(model.specs.get("PeerSet /" + peerSet).toString())
                    .contains("10.1.0.1")
                    .contains("10.1.0.3");

            // The policy goes: b's rules first, then the set nobody on node-1 uses any more.
            ok(platform.delete(V1 + "x/networkpolicies/db-from-web"));
            round = watch.until(bookmark(), WAIT);
            model.apply(round);
            assertThat(types(round)).containsExactly("MODIFIED", "DELETED", "BOOKMARK");
            assertThat(kinds(round)).containsExactly("PodRules", "PeerSet", "NodeRules");
            model.assertPeerSetsReferenced();
            assertEqualsFreshList(model, "node-1");
        } finally {
            ok(platform.patch(
                    "/api/v1/namespaces/x/pods/c",
                    "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"app\":\"other\"}}}"));
        }
    }

    @Test
    void resumingAfterARevisionGivesExactlyWhatChangedSinceOnAnyConnection() {
        NodeModel model;
        try (WatchStream watch = agent1.watch(NODES + "node-1/rules?watch=true")) {
            model = new NodeModel().apply(watch.until(initialEventsEnd(), WAIT));
        }
        long resumedFrom = model.revision;
        // Changes while the agent is away: a policy, a pod moving off the node, a pod arriving.
        ok(platform.post(V1 + "x/networkpolicies", policy("away", "db", "other")));
        ok(platform.post("/api/v1/namespaces/x/pods", pod("d", "web", "node-1", "10.1.0.4")));
        ok(platform.delete("/api/v1/namespaces/x/pods/a"));
        ok(platform.post("/api/v1/namespaces/x/pods", pod("a", "web", "node-2", "10.1.0.1")));
        try (WatchStream watch = agent1.watch(NODES + "node-1/rules?watch=true&resourceVersion=" + resumedFrom)) {
            List<JsonNode> catchUp = watch.until(bookmark(), WAIT);
            assertThat(catchUp)
                    .filteredOn(e -> "ADDED".equals(e.get("type").asText()))
                    .extracting(e -> NodeModel.key(e.get("object")))
                    .as("only what arrived while away is new")
                    .filteredOn(key -> key.startsWith("PodRules"))
                    .containsExactly("PodRules x/d");
            model.apply(catchUp);
            assertThat(model.specs).containsKeys("PodRules x/b", "PodRules x/d").doesNotContainKey("PodRules x/a");
            assertEqualsFreshList(model, "node-1");
        } finally {
            ok(platform.delete(V1 + "x/networkpolicies/away"));
            ok(platform.delete("/api/v1/namespaces/x/pods/d"));
            ok(platform.delete("/api/v1/namespaces/x/pods/a"));
            ok(platform.post("/api/v1/namespaces/x/pods", pod("a", "web", "node-1", "10.1.0.1")));
        }
    }

    @Test
    void aQuietWatchGetsHeartbeatsAndTheRevisionKeepsMoving() {
        try (WatchStream watch = agent1.watch(NODES + "node-1/rules?watch=true")) {
            long first = revision(watch.until(initialEventsEnd(), WAIT));
            // Writes that do not concern node-1 move the revision its bookmarks carry.
            ok(platform.post("/api/v1/namespaces", namespaceOf("tenant-a", "elsewhere", "{}")));
            long deadline = System.nanoTime() + WAIT.toNanos();
            long later = first;
            while (later == first && System.nanoTime() < deadline) {
                List<JsonNode> beat = watch.until(bookmark(), WAIT);
                assertThat(types(beat)).as("nothing changed on node-1").containsOnly("BOOKMARK");
                later = revision(beat);
            }
            assertThat(later).isGreaterThan(first);
        } finally {
            ok(platform.delete("/api/v1/namespaces/elsewhere"));
        }
    }

    @Test
    void aRevisionOlderThanTheRetainedHistoryAnswersGoneAndTheAgentRelists() {
        long old;
        try (WatchStream watch = agent1.watch(NODES + "node-1/rules?watch=true")) {
            old = revision(watch.until(initialEventsEnd(), WAIT));
        }
        ok(platform.post("/api/v1/namespaces/x/pods", pod("e", "web", "node-1", "10.1.0.5")));
        ok(platform.delete("/api/v1/namespaces/x/pods/e"));
        NodeRulesReader reader = app.bean(NodeRulesReader.class);
        reader.purgeRemovalsThrough(reader.position());

        try (WatchStream watch = agent1.watch(NODES + "node-1/rules?watch=true&resourceVersion=" + old)) {
            assertThat(watch.status()).isEqualTo(410);
            assertThat(watch.error().get("reason").asText()).isEqualTo("Expired");
        }
        try (WatchStream watch = agent1.watch(NODES + "node-1/rules?watch=true")) {
            assertThat(watch.status()).as("a relist works").isEqualTo(200);
            assertEqualsFreshList(new NodeModel().apply(watch.until(initialEventsEnd(), WAIT)), "node-1");
        }
    }

    @Test
    void anAgentStreamsAndReportsForItsOwnNodeOnly() {
        assertThat(agent2.get(NODES + "node-1/rules").status()).isEqualTo(403);
        try (WatchStream refused = agent2.watch(NODES + "node-1/rules?watch=true")) {
            assertThat(refused.status()).isEqualTo(403);
        }
        String tenant = app.mint("tenant-a", "tenant-admin", "alice");
        assertThat(platform.as(tenant).get(NODES + "node-1/rules").status()).isEqualTo(403);
        assertThat(platform.as(null).get(NODES + "node-1/rules").status()).isEqualTo(401);
        assertThat(agent2.put(NODES + "node-1/status", "{\"status\":{\"enforcedRevision\":1}}")
                        .status())
                .isEqualTo(403);
        assertThat(agent2.get(NODES + "node-2/rules").status()).isEqualTo(200);
        assertThat(agent1.get(NODES + "Not_A_Node/rules").status()).isIn(403, 422);
        assertThat(agent1.get(NODES + "node-1/rules?watch=true&resourceVersion=abc")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aSwitchingRebuildEndsOpenWatchesAndTheStreamGoesOnFromTheRebuiltTables() throws Exception {
        try (WatchStream open = agent1.watch(NODES + "node-1/rules?watch=true")) {
            open.until(initialEventsEnd(), WAIT);
            Response started = platform.post("/apis/policyledger.io/v1/audit/rebuilds", "");
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            List<JsonNode> rest = open.until(e -> "ERROR".equals(e.get("type").asText()), WAIT);
            assertThat(rest.get(rest.size() - 1).at("/object/code").asInt())
                    .as("a watch open across a switch")
                    .isEqualTo(410);
            String rebuild = "/apis/policyledger.io/v1/audit/rebuilds/" + started.text("/metadata/name");
            Instant deadline = Instant.now().plus(WAIT);
            while (!platform.get(rebuild).json().at("/status/finishedAt").isTextual()
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(platform.get(rebuild).text("/status/phase")).isEqualTo("Succeeded");
        }
        try (WatchStream fresh = agent1.watch(NODES + "node-1/rules?watch=true")) {
            NodeModel model = new NodeModel().apply(fresh.until(initialEventsEnd(), WAIT));
            assertEqualsFreshList(model, "node-1");
            ok(platform.patch(
                    "/api/v1/namespaces/x/pods/b",
                    "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"switched\":\"yes\"}}}"));
            model.apply(fresh.until(bookmark(), WAIT));
            assertEqualsFreshList(model, "node-1");
        }
    }

    @Test
    void aRebuildOfTheRulesEndsOpenWatchesAndOldRevisionsButNotTheStream() throws Exception {
        long before;
        try (WatchStream open = agent1.watch(NODES + "node-1/rules?watch=true")) {
            before = revision(open.until(initialEventsEnd(), WAIT));
            ok(platform.post("/api/v1/namespaces", namespaceOf("tenant-a", "before-rebuild", "{}")));
            TrackingEventProcessor processor = app.bean(EventProcessingConfiguration.class)
                    .eventProcessor(EffectiveRulesProjection.NAME, TrackingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            List<JsonNode> rest = open.until(e -> "ERROR".equals(e.get("type").asText()), WAIT);
            assertThat(rest.get(rest.size() - 1).at("/object/code").asInt())
                    .as("a watch open across a rebuild")
                    .isEqualTo(410);
        }
        try (WatchStream resumed = agent1.watch(NODES + "node-1/rules?watch=true&resourceVersion=" + before)) {
            assertThat(resumed.status())
                    .as("a revision from before the rebuild")
                    .isEqualTo(410);
        }
        // The replay's first batch clears the tables once more (it starts from position 0), which ends a watch
        // opened before it with 410 too (an agent then relists): the fresh watch below is opened after it.
        ok(agent1.get(NODES + "node-1/rules"));
        try (WatchStream fresh = agent1.watch(NODES + "node-1/rules?watch=true")) {
            NodeModel model = new NodeModel().apply(fresh.until(initialEventsEnd(), WAIT));
            assertEqualsFreshList(model, "node-1");
            // And the stream goes on from the rebuilt rules.
            ok(platform.patch(
                    "/api/v1/namespaces/x/pods/b",
                    "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"rebuilt\":\"yes\"}}}"));
            model.apply(fresh.until(bookmark(), WAIT));
            assertEqualsFreshList(model, "node-1");
        }
    }

    @Test
    void revokingTheAgentsTokenEndsItsWatch() {
        String token = agentToken("node-3");
        try (WatchStream watch = platform.as(token).watch(NODES + "node-3/rules?watch=true")) {
            watch.until(initialEventsEnd(), WAIT);
            ok(platform.delete("/apis/policyledger.io/v1/tokens/" + ApiClient.tokenId(token)));
            List<JsonNode> rest = watch.until(e -> "ERROR".equals(e.get("type").asText()), WAIT);
            assertThat(rest.get(rest.size() - 1).at("/object/code").asInt()).isEqualTo(401);
            assertThat(watch.endsWithin(WAIT)).isTrue();
        }
    }

    @Test
    void theFleetViewSaysWhichNodesEnforceARevision() {
        JsonNode list = agent1.get(NODES + "node-1/rules").json();
        long revision = Long.parseLong(list.at("/metadata/resourceVersion").asText());
        ok(agent1.put(NODES + "node-1/status", "{\"status\":{\"enforcedRevision\":\"" + revision + "\"}}"));
        assertThat(agent1.put(
                                NODES + "node-1/status",
                                "{\"status\":{\"enforcedRevision\":" + (revision + 1_000_000) + "}}")
                        .status())
                .as("a revision the server has not reached")
                .isEqualTo(422);

        JsonNode fleet = platform.get("/apis/policyledger.io/v1/nodes?revision=" + revision)
                .json();
        assertThat(fleet.at("/summary/message").asText())
                .isEqualTo("revision " + revision + " is enforced on 1 of 2 nodes");
        assertThat(fleet.at("/summary/lagging").toString()).isEqualTo("[\"node-2\"]");
        JsonNode node1 = fleet.at("/items/0");
        assertThat(node1.at("/metadata/name").asText()).isEqualTo("node-1");
        assertThat(node1.at("/status/enforcedRevision").asLong()).isEqualTo(revision);
        assertThat(node1.at("/status/reportedBy").asText()).isEqualTo("agent-node-1");

        // A change on node-2 only: node-1 still enforces the current rules.
        ok(platform.patch(
                "/api/v1/namespaces/x/pods/c",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"tier\":\"x\"}}}"));
        // The write answers once the objects show it; the fleet view counts from the rules, which may follow later.
        settled();
        fleet = platform.get("/apis/policyledger.io/v1/nodes").json();
        assertThat(fleet.at("/items/0/status/enforcesCurrentRules").asBoolean()).isTrue();
        assertThat(fleet.at("/items/0/status/lag").asLong()).isPositive();

        // A tenant sees the nodes running its pods; an agent sees only its own node.
        ok(platform.post("/apis/policyledger.io/v1/tenants", "{\"metadata\":{\"name\":\"tenant-n\"}}"));
        ApiClient other = platform.as(app.mint("tenant-n", "tenant-admin", "nina"));
        assertThat(other.get("/apis/policyledger.io/v1/nodes")
                        .json()
                        .at("/summary/total")
                        .asInt())
                .isZero();
        assertThat(other.get("/apis/policyledger.io/v1/nodes/node-1").status()).isEqualTo(404);
        assertThat(agent1.get("/apis/policyledger.io/v1/nodes").status()).isEqualTo(403);
        assertThat(agent1.get("/apis/policyledger.io/v1/nodes/node-1").status()).isEqualTo(200);
        assertThat(agent1.get("/apis/policyledger.io/v1/nodes/node-2").status()).isEqualTo(403);
    }

    // ---- helpers ----

    static void assertEqualsFreshList(NodeModel model, String node) {
        NodeModel fresh = NodeModel.ofList(platform.get(NODES + node + "/rules").json());
        assertThat(model.specs).isEqualTo(fresh.specs);
    }

    static Predicate<JsonNode> initialEventsEnd() {
        return NodeModel::isInitialEventsEnd;
    }

    static Predicate<JsonNode> bookmark() {
        return e -> "BOOKMARK".equals(e.get("type").asText());
    }

    static long revision(List<JsonNode> events) {
        return Long.parseLong(events.get(events.size() - 1)
                .at("/object/metadata/resourceVersion")
                .asText());
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    static List<String> kinds(List<JsonNode> events) {
        return events.stream().map(e -> e.at("/object/kind").asText()).toList();
    }

    /** A token's id: its {@code jti} claim. */
    static String agentToken(String node) {
        Response r = platform.post(
                "/apis/policyledger.io/v1/tokens",
                "{\"spec\":{\"role\":\"agent\",\"subject\":\"agent-" + node + "\",\"node\":\"" + node + "\"}}");
        ok(r);
        return r.text("/status/token");
    }

    static String pod(String name, String app, String node, String ip) {
        return "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"" + app + "\"}},\"spec\":{\"nodeName\":"
                + "\"" + node
                + "\",\"containers\":[{\"name\":\"main\",\"ports\":[{\"name\":\"pg\",\"containerPort\":5432}]}]},"
                + "\"status\":{\"podIP\":\"" + ip + "\"}}";
    }

    static String policy(String name, String app, String fromApp) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"podSelector\":{\"matchLabels\":{\"app\":\""
                + app + "\"}},\"ingress\":[{\"from\":[{\"podSelector\":{\"matchLabels\":{\"app\":\"" + fromApp
                + "\"}}}],\"ports\":[{\"port\":\"pg\"}]}]}}";
    }

    static void ok(Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    }
}
