package io.policyledger.app.nodes;

import static io.policyledger.app.testing.Bodies.namespaceOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.app.testing.WatchStream;
import io.policyledger.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 500 watchers of five nodes connect at once, are all cut off at once, and come back at once: each gets
 * its node's whole state, the storm costs about one snapshot per node (not one per watcher), resuming
 * watchers get the changes made while they were away, and a watcher that stops reading does not hold
 * up the others.
 */
class ReconnectStormIT {

    private static final int NODES = 5;
    private static final int WATCHERS = 500;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String V1 = "/apis/networking.k8s.io/v1/namespaces/";

    private static RunningApp app;
    private static ApiClient platform;

    @BeforeAll
    static void world() {
        app = RunningApp.start(
                TestDatabase.createDatabase(),
                "--policy-ledger.node-stream.bookmark-interval=2s",
                "--policy-ledger.node-stream.snapshot-window=10s",
                "--policy-ledger.node-stream.max-watches-per-node=200");
        platform = app.api();
        ok(platform.post("/api/v1/namespaces", namespaceOf("tenant-a", "s", "{}")));
        for (int node = 0; node < NODES; node++) {
            for (int pod = 0; pod < 4; pod++) {
                ok(platform.post(
                        "/api/v1/namespaces/s/pods",
                        NodeRuleStreamIT.pod(
                                "p" + node + "-" + pod,
                                pod % 2 == 0 ? "web" : "db",
                                "node-" + node,
                                "10.7." + node + "." + (pod + 1))));
            }
        }
        ok(platform.post(V1 + "s/networkpolicies", NodeRuleStreamIT.policy("db-from-web", "db", "web")));
        // A write answers once the objects show it; the rules may follow a moment later. A list waits for them,
        // so the storm's snapshots all start from rules that have the policy.
        ok(platform.get("/apis/policyledger.io/v1/nodes/node-0/rules"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aStormOfWatchersCostsOneSnapshotPerNodeAndLosesNothing() throws Exception {
        NodeSnapshots snapshots = app.bean(NodeSnapshots.class);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            long computedBefore = snapshots.computed();
            long started = System.nanoTime();
            List<Watcher> watchers = all(pool, i -> Watcher.connect(i, -1));
            long computed = snapshots.computed() - computedBefore;
            long stormMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf(
                    "storm: %d watchers had their snapshots after %d ms; %d snapshots computed%n",
                    WATCHERS, stormMillis, computed);
            for (Watcher w : watchers) {
                assertThat(w.model.specs.keySet())
                        .as("watcher " + w.index)
                        .hasSize(5) // one peer set, 4 pods
                        .contains("PodRules s/p" + w.node + "-0");
            }
            // A node's snapshot is shared for one window (10 s): one per node per window the storm lasted,
            // and one more for a window that ran out mid-computation. On a loaded machine the storm is slower.
            long windows = 1 + stormMillis / 10_000;
            assertThat(computed)
                    .as("snapshots computed for " + WATCHERS + " watchers of " + NODES + " nodes in " + stormMillis
                            + " ms")
                    .isLessThanOrEqualTo((windows + 1) * NODES);

            // All cut off at once; a change while they are away; all back at once, resuming.
            watchers.forEach(w -> w.stream.close());
            ok(platform.post("/api/v1/namespaces/s/pods", NodeRuleStreamIT.pod("late", "web", "node-0", "10.7.9.9")));
            started = System.nanoTime();
            List<Watcher> resumed = all(pool, i -> watchers.get(i).resume());
            System.out.printf(
                    "storm: %d watchers resumed with the change made while away after %d ms%n",
                    WATCHERS, (System.nanoTime() - started) / 1_000_000);
            for (Watcher w : resumed) {
                assertThat(w.model.specs.get("PeerSet /" + peerSetOf(w)).toString())
                        .as("watcher " + w.index)
                        .contains("10.7.9.9");
            }

            // A watcher that stops reading holds up nobody: everyone else gets the next change.
            try (WatchStream stalled = platform.watch(NodeRuleStreamIT.NODES + "node-0/rules?watch=true")) {
                ok(platform.delete("/api/v1/namespaces/s/pods/late"));
                all(
                        pool,
                        i -> resumed.get(i).applyUntil(m -> !m.specs.toString().contains("10.7.9.9")));
                assertThat(stalled.status()).isEqualTo(200);
            }
            resumed.forEach(w -> w.stream.close());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One simulated agent: its stream and what it has applied. */
    static final class Watcher {
        final int index;
        final int node;
        final NodeModel model;
        final WatchStream stream;

        private Watcher(int index, NodeModel model, WatchStream stream) {
            this.index = index;
            this.node = index % NODES;
            this.model = model;
            this.stream = stream;
        }

        static Watcher connect(int index, long revision) {
            NodeModel model = new NodeModel();
            WatchStream stream = open(NodeRuleStreamIT.NODES + "node-" + (index % NODES) + "/rules?watch=true"
                    + (revision >= 0 ? "&resourceVersion=" + revision : ""));
            assertThat(stream.status()).isEqualTo(200);
            model.apply(stream.until(NodeRuleStreamIT.bookmark(), WAIT));
            return new Watcher(index, model, stream);
        }

        Watcher resume() {
            WatchStream again = open(
                    NodeRuleStreamIT.NODES + "node-" + node + "/rules?watch=true&resourceVersion=" + model.revision);
            assertThat(again.status()).isEqualTo(200);
            return new Watcher(index, model, again)
                    .applyUntil(m -> m.specs.toString().contains("10.7.9.9"));
        }

        /**
         * Opens a watch as an agent would: a connection that could not be made in time (500 TLS handshakes at
         * once on two loaded cores) is tried again; what is tested is what the server answers once connected.
         */
        private static WatchStream open(String path) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return platform.watch(path);
                } catch (AssertionError e) {
                    if (attempt == 3 || !(e.getCause() instanceof java.net.http.HttpConnectTimeoutException)) {
                        throw e;
                    }
                }
            }
        }

        /** Applies rounds until the model satisfies {@code done}. */
        Watcher applyUntil(java.util.function.Predicate<NodeModel> done) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!done.test(model)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("watcher " + index + " never got there: " + model.specs);
                }
                model.apply(stream.until(NodeRuleStreamIT.bookmark(), WAIT));
            }
            return this;
        }
    }

    private static String peerSetOf(Watcher w) {
        return w.model.specs.keySet().stream()
                .filter(k -> k.startsWith("PeerSet /"))
                .findFirst()
                .orElseThrow()
                .substring("PeerSet /".length());
    }

    interface Step {
        Watcher run(int index) throws Exception;
    }

    private static List<Watcher> all(ExecutorService pool, Step step) throws Exception {
        List<Future<Watcher>> futures = new ArrayList<>();
        for (int i = 0; i < WATCHERS; i++) {
            int index = i;
            futures.add(pool.submit((Callable<Watcher>) () -> step.run(index)));
        }
        List<Watcher> out = new ArrayList<>();
        for (Future<Watcher> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    private static void ok(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    }
}
