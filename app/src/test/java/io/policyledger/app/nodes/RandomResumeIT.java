package io.policyledger.app.nodes;

import static io.policyledger.app.testing.Bodies.namespaceOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.app.testing.WatchStream;
import io.policyledger.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random changes (pods created, deleted, moved between nodes, relabelled, re-addressed; policies and
 * namespace labels changed) while watchers of two nodes drop their connections at random moments and
 * resume from their last bookmark. Every round must respect dependency order and delete only what the
 * watcher has (no duplicate or lost delta), and each watcher must end equal to a fresh list of its node.
 */
class RandomResumeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String V1 = "/apis/networking.k8s.io/v1/namespaces/";
    private static final List<String> NODES = List.of("node-a", "node-b");
    private static final List<String> APPS = List.of("web", "db", "cache");

    private static RunningApp app;
    private static ApiClient platform;

    @BeforeAll
    static void world() {
        app = RunningApp.start(TestDatabase.createDatabase(), "--policy-ledger.node-stream.bookmark-interval=300ms");
        platform = app.api();
        ok(platform.post("/api/v1/namespaces", namespaceOf("tenant-a", "r1", "{\"zone\":\"blue\"}")));
        ok(platform.post("/api/v1/namespaces", namespaceOf("tenant-a", "r2", "{\"zone\":\"green\"}")));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void watchersThatDropAndResumeAtRandomEndEqualToAFreshList() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Resuming> watchers = NODES.stream().map(Resuming::new).toList();
        Set<String> pods = new TreeSet<>();
        int address = 1;
        for (int step = 0; step < 80; step++) {
            String ns = random.nextBoolean() ? "r1" : "r2";
            String pod = ns + "/p" + random.nextInt(8);
            String name = pod.substring(3);
            int action = random.nextInt(7);
            if (!pods.contains(pod) || action == 0) {
                if (pods.contains(pod)) {
                    ok(platform.delete("/api/v1/namespaces/" + ns + "/pods/" + name));
                    pods.remove(pod);
                } else {
                    ok(platform.post(
                            "/api/v1/namespaces/" + ns + "/pods",
                            NodeRuleStreamIT.pod(
                                    name,
                                    APPS.get(random.nextInt(3)),
                                    NODES.get(random.nextInt(2)),
                                    "10.9." + (address / 250) + "." + (address++ % 250 + 1))));
                    pods.add(pod);
                }
            } else if (action == 1) {
                // Moving a pod is deleting it and creating it elsewhere (a pod's node does not change).
                ok(platform.delete("/api/v1/namespaces/" + ns + "/pods/" + name));
                ok(platform.post(
                        "/api/v1/namespaces/" + ns + "/pods",
                        NodeRuleStreamIT.pod(
                                name,
                                APPS.get(random.nextInt(3)),
                                NODES.get(random.nextInt(2)),
                                "10.9." + (address / 250) + "." + (address++ % 250 + 1))));
            } else if (action == 2) {
                ok(platform.patch(
                        "/api/v1/namespaces/" + ns + "/pods/" + name,
                        "application/merge-patch+json",
                        "{\"metadata\":{\"labels\":{\"app\":\"" + APPS.get(random.nextInt(3)) + "\"}}}"));
            } else if (action == 3) {
                String policy = "pol" + random.nextInt(3);
                platform.delete(V1 + ns + "/networkpolicies/" + policy);
                if (random.nextBoolean()) {
                    ok(platform.post(
                            V1 + ns + "/networkpolicies",
                            "{\"metadata\":{\"name\":\"" + policy + "\"},\"spec\":"
                                    + "{\"podSelector\":{\"matchLabels\":{\"app\":\"" + APPS.get(random.nextInt(3))
                                    + "\"}},"
                                    + "\"ingress\":[{\"from\":[{\"podSelector\":{\"matchLabels\":{\"app\":\""
                                    + APPS.get(random.nextInt(3))
                                    + "\"}}},{\"namespaceSelector\":{\"matchLabels\":{\"zone\":\"blue\"}}}]}]}}"));
                }
            } else if (action == 4) {
                ok(platform.patch(
                        "/api/v1/namespaces/" + ns,
                        "application/merge-patch+json",
                        "{\"metadata\":{\"labels\":{\"zone\":\"" + (random.nextBoolean() ? "blue" : "green")
                                + "\"}}}"));
            } else if (action == 5) {
                String ip = "10.9." + (address / 250) + "." + (address++ % 250 + 1);
                ok(platform.patch(
                        "/api/v1/namespaces/" + ns + "/pods/" + name + "/status",
                        "application/merge-patch+json",
                        "{\"status\":{\"podIP\":\"" + ip + "\",\"podIPs\":[{\"ip\":\"" + ip + "\"}]}}"));
            }
            for (Resuming w : watchers) {
                w.maybe(random);
            }
        }
        for (Resuming w : watchers) {
            w.catchUp();
            NodeModel fresh = NodeModel.ofList(
                    platform.get(NodeRuleStreamIT.NODES + w.node + "/rules").json());
            assertThat(w.model.specs)
                    .as("node " + w.node + " after " + w.reconnects + " reconnects (seed " + seed + ")")
                    .isEqualTo(fresh.specs);
            w.model.assertPeerSetsReferenced();
            w.stream.close();
        }
    }

    /** A watcher that, at random, reads what has arrived, or drops its connection and resumes. */
    static final class Resuming {
        final String node;
        final NodeModel model = new NodeModel();
        WatchStream stream;
        int reconnects;

        Resuming(String node) {
            this.node = node;
            this.stream = platform.watch(NodeRuleStreamIT.NODES + node + "/rules?watch=true");
            model.apply(stream.until(NodeRuleStreamIT.initialEventsEnd(), WAIT));
        }

        void maybe(Random random) {
            int roll = random.nextInt(10);
            if (roll < 3) {
                // Reads up to the next bookmark: a round applied in full.
                model.apply(stream.until(NodeRuleStreamIT.bookmark(), WAIT));
            } else if (roll < 5) {
                // Drops the connection mid-stream: what came after the last bookmark is not applied.
                stream.close();
                stream = platform.watch(
                        NodeRuleStreamIT.NODES + node + "/rules?watch=true&resourceVersion=" + model.revision);
                assertThat(stream.status()).isEqualTo(200);
                reconnects++;
            }
        }

        void catchUp() {
            long target = Long.parseLong(platform.get(NodeRuleStreamIT.NODES + node + "/rules")
                    .json()
                    .at("/metadata/resourceVersion")
                    .asText());
            while (model.revision < target) {
                List<JsonNode> round = stream.until(NodeRuleStreamIT.bookmark(), WAIT);
                model.apply(new ArrayList<>(round));
            }
        }
    }

    private static void ok(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    }
}
