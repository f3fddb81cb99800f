package io.policyledger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.command.write.Attribution;
import io.policyledger.command.write.ObjectWriter;
import io.policyledger.command.write.Written;
import io.policyledger.core.access.Caller;
import io.policyledger.core.namespace.CreateNamespace;
import io.policyledger.core.networkpolicy.CreateNetworkPolicy;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.pod.Container;
import io.policyledger.core.pod.ContainerPort;
import io.policyledger.core.pod.CreatePod;
import io.policyledger.core.pod.PodIP;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import io.policyledger.core.pod.UpdatePod;
import io.policyledger.core.tenant.CreateTenant;
import io.policyledger.query.effective.EffectiveRulesProjection;
import io.policyledger.query.effective.NodeRulesReader;
import io.policyledger.query.objects.CurrentObjectProjection;
import io.policyledger.query.position.ProjectionPositions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The node rule stream's side of the write path, in-process (no HTTP, no agents): what it costs to keep
 * per-node state while pods arrive, what one node's snapshot costs to read, and how long after a change
 * every affected node's next round holds it.
 *
 * <pre>
 *   java -jar bench/target/policy-ledger-bench.jar node-stream [pods] [nodes] [changes]
 * </pre>
 * Pods spread over namespaces of 50 and over the nodes round-robin, each namespace with one policy (db
 * admits web on a named port), so every node uses the web peer sets of many namespaces. A change moves a
 * pod between web and api: the peer set it leaves or joins is used on many nodes. Baselines in the same
 * run: the same writes reaching the current-objects read model, and one durable INSERT + COMMIT.
 */
final class NodeStreamBenchmark {

    private static final List<String> APPS = List.of("web", "api", "db", "cache", "batch");

    private NodeStreamBenchmark() {}

    static void main(String[] args) throws Exception {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int changes = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        WriteVisibilityBenchmark.inContext((context, postgres) -> run(context, postgres, pods, nodes, changes));
    }

    private static void run(
            ConfigurableApplicationContext context, EmbeddedPostgres postgres, int pods, int nodes, int changes)
            throws Exception {
        ObjectWriter writer = context.getBean(ObjectWriter.class);
        ProjectionPositions positions = context.getBean(ProjectionPositions.class);
        NodeRulesReader reader = context.getBean(NodeRulesReader.class);
        Attribution who = new Attribution(Caller.SYSTEM, "bench", "127.0.0.1");
        NetworkPolicySpec dbFromWeb = dbFromWeb();

        writer.submit(new CreateTenant("bench", UUID.randomUUID().toString(), Map.of(), Map.of()), who);
        int namespaces = (pods + 49) / 50;
        for (int n = 0; n < namespaces; n++) {
            writer.submit(
                    new CreateNamespace(
                            "ns-" + n, UUID.randomUUID().toString(), "bench", Map.of("team", "t" + (n % 10)), Map.of()),
                    who);
            writer.submit(
                    new CreateNetworkPolicy(
                            "ns-" + n, "db-from-web", UUID.randomUUID().toString(), Map.of(), Map.of(), dbFromWeb),
                    who);
        }

        // Loading: every pod is a write; the projections keep up as they can.
        long loadStart = System.nanoTime();
        long last = 0;
        for (int p = 0; p < pods; p++) {
            last = writer.submit(pod(p, nodes, APPS.get(p % APPS.size())), who).resourceVersion();
        }
        long written = System.nanoTime();
        await(positions, CurrentObjectProjection.NAME, last);
        long currentDone = System.nanoTime();
        await(positions, EffectiveRulesProjection.NAME, last);
        long rulesDone = System.nanoTime();

        // A node's snapshot, as a watcher connecting without a revision gets it (rendering aside).
        long[] snapshot = new long[nodes];
        int rows = 0;
        for (int n = 0; n < nodes; n++) {
            long t0 = System.nanoTime();
            NodeRulesReader.NodeChanges state = reader.read("node-" + n, -1, (id, revision) -> false);
            snapshot[n] = System.nanoTime() - t0;
            rows += state.peerSets().size() + state.ruleSets().size();
        }

        // Changes: write, then until every affected node's round (what a woken watch reads) holds it.
        long[] baseline = WriteVisibilityBenchmark.baseline(postgres, changes);
        long[] applied = new long[changes];
        long[] delivered = new long[changes];
        long affected = 0;
        Map<String, Long> rendered = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < changes; i++) {
            int p = random.nextInt(pods);
            String app = (i % 2 == 0) ? "api" : "web";
            long before = positions.current(EffectiveRulesProjection.NAME);
            long t0 = System.nanoTime();
            Written w = writer.submit(
                    new UpdatePod(
                            "ns-" + (p / 50), "pod-" + p, Map.of("app", app), Map.of(), spec(p, nodes), null, null),
                    who);
            long t1 = System.nanoTime();
            await(positions, EffectiveRulesProjection.NAME, w.resourceVersion());
            long t2 = System.nanoTime();
            Set<String> nodesChanged = reader.nodesChanged(before, w.resourceVersion());
            for (String node : nodesChanged) {
                // As the server does: a peer set's members are read once per revision, not once per node.
                NodeRulesReader.NodeChanges round =
                        reader.read(node, before, (id, revision) -> revision.equals(rendered.get(id)));
                round.peerSets().forEach(set -> rendered.put(set.id(), set.revision()));
            }
            long t3 = System.nanoTime();
            affected += nodesChanged.size();
            applied[i] = t2 - t1;
            delivered[i] = t3 - t1;
        }

        System.out.printf(
                "%n%d pods on %d nodes in %d namespaces (%d policies); %d label changes; embedded PostgreSQL 17"
                        + " (fsync on)%n%n",
                pods, nodes, namespaces, namespaces, changes);
        System.out.printf(
                "load: %d pod writes in %.1f s; current-objects caught up %.1f s after the last write, "
                        + "effective rules (with the node streams' tables) %.1f s after it%n",
                pods, (written - loadStart) / 1e9, (currentDone - written) / 1e9, (rulesDone - written) / 1e9);
        System.out.printf(
                "snapshot of one node (%d objects on average): median %.2f ms, max %.2f ms%n%n",
                rows / nodes, ms(pct(snapshot, 50)), ms(pct(snapshot, 100)));
        System.out.printf("a change reached %.1f nodes on average%n%n", (double) affected / changes);
        System.out.println("| measurement | median ms | p90 ms | p99 ms | max ms | median ÷ baseline median |");
        System.out.println("|---|---|---|---|---|---|");
        WriteVisibilityBenchmark.row("baseline: INSERT + COMMIT (JDBC)", baseline, baseline);
        WriteVisibilityBenchmark.row(
                "write → applied to the effective rules and node streams (after commit)", applied, baseline);
        WriteVisibilityBenchmark.row("write → every affected node's round read (after commit)", delivered, baseline);
    }

    /**
     * The policy every namespace of these benchmarks has: db admits web of its own namespace and of the
     * namespaces of team t0, on the named port http.
     */
    static NetworkPolicySpec dbFromWeb() throws Exception {
        return new ObjectMapper().readValue("""
                {"podSelector": {"matchLabels": {"app": "db"}},
                 "ingress": [{"from": [{"podSelector": {"matchLabels": {"app": "web"}}},
                                       {"namespaceSelector": {"matchLabels": {"team": "t0"}},
                                        "podSelector": {"matchLabels": {"app": "web"}}}],
                              "ports": [{"port": "http"}]}]}""", NetworkPolicySpec.class);
    }

    static CreatePod pod(int p, int nodes, String app) {
        PodSpec spec = spec(p, nodes);
        String ip = "10." + (p / 65536) + "." + (p / 256 % 256) + "." + (p % 256);
        return new CreatePod(
                "ns-" + (p / 50),
                "pod-" + p,
                UUID.randomUUID().toString(),
                Map.of("app", app),
                Map.of(),
                spec,
                new PodStatus(ip, List.of(new PodIP(ip))));
    }

    static PodSpec spec(int p, int nodes) {
        return new PodSpec(
                "node-" + (p % nodes),
                List.of(new Container("main", "app", List.of(new ContainerPort("http", 8080, "TCP")))));
    }

    private static void await(ProjectionPositions positions, String projection, long revision) {
        if (!positions.await(projection, revision, Duration.ofMinutes(10))) {
            throw new IllegalStateException(projection + " never reached " + revision);
        }
    }

    private static long pct(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
