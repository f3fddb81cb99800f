package io.policyledger.bench;

import io.policyledger.command.write.Attribution;
import io.policyledger.command.write.ObjectWriter;
import io.policyledger.core.access.Caller;
import io.policyledger.core.engine.PolicyEngine;
import io.policyledger.core.namespace.CreateNamespace;
import io.policyledger.core.networkpolicy.CreateNetworkPolicy;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.object.Kind;
import io.policyledger.core.pod.UpdatePod;
import io.policyledger.core.tenant.CreateTenant;
import io.policyledger.eventstore.EventChain;
import io.policyledger.eventstore.EventLog;
import io.policyledger.query.effective.EffectiveRulesProjection;
import io.policyledger.query.history.EffectiveRulesHistory;
import io.policyledger.query.history.HistorySnapshotter;
import io.policyledger.query.history.LogHistory;
import io.policyledger.query.history.PastState;
import io.policyledger.query.objects.Scope;
import io.policyledger.query.position.ProjectionPositions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Audit and replay at scale: a log of N events (1,000,000 by default) of a cluster of 5,000 pods in 100
 * namespaces (one policy each), most of them pod label changes, then in one run:
 * <ul>
 *   <li>a plain ordered read of every column of {@code domain_event_entry}: the physical limit;</li>
 *   <li>the hash chain's verification;</li>
 *   <li>a full replay: every event read through the event store (deserialized, upcast) and applied to a
 *       fresh state of the objects and the engine's inputs, then the engine built: what time travel costs
 *       without snapshots;</li>
 *   <li>the snapshotter's pass over the whole log, storing a snapshot every 5,000 events;</li>
 *   <li>as-of queries at random past revisions: the state from the nearest snapshot plus the events
 *       since, the engine built, and one namespace's effective rules read from it.</li>
 * </ul>
 * <pre>
 *   java -jar bench/target/policy-ledger-bench.jar history [events] [queries]
 * </pre>
 * The first few thousand events are written through the command side (so their stored form is the real
 * one); the label changes that make up the rest are copied from one real PodUpdated row with SQL
 * (through the chain's trigger), as the command side would take hours to write a million.
 */
final class HistoryBenchmark {

    private static final int PODS = 5000;
    private static final int NODES = 50;

    private HistoryBenchmark() {}

    static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        if (events < 20_000) {
            // The snapshotter's pass is timed until a snapshot within 5,000 events of the head exists.
            throw new IllegalArgumentException("history needs at least 20,000 events (5,202 are the cluster itself)");
        }
        WriteVisibilityBenchmark.inContext((context, postgres) -> run(context, postgres, events, queries));
    }

    private static void run(ConfigurableApplicationContext context, EmbeddedPostgres postgres, int events, int queries)
            throws Exception {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        DataSource database = postgres.getPostgresDatabase();
        long t0 = System.nanoTime();
        long template = populate(context);
        long populated = System.nanoTime() - t0;

        // From here on only the log grows: the read models' processors and the snapshotter are stopped, so
        // that what is measured below is measured alone.
        context.getBean(EventProcessingConfiguration.class)
                .eventProcessors()
                .values()
                .forEach(EventProcessor::shutDown);
        HistorySnapshotter snapshotter = context.getBean(HistorySnapshotter.class);
        snapshotter.stop();

        long t1 = System.nanoTime();
        copyLabelChanges(database, template, events - (int) template);
        long stored = System.nanoTime() - t1;
        EventLog eventLog = new EventLog(jdbc);
        long head = eventLog.head();
        long count = eventLog.events();

        long scanStart = System.nanoTime();
        long scanned = EventChainBenchmark.scan(database);
        long scan = System.nanoTime() - scanStart;

        long verifyStart = System.nanoTime();
        EventChain.Verification verification = new EventChain(database).verify(Set.of(), 10);
        long verify = System.nanoTime() - verifyStart;
        if (!verification.intact() || scanned != count) {
            throw new IllegalStateException("unexpected: " + verification.problems() + ", " + scanned + " scanned");
        }

        // Reading alone: every event through the event store, deserialized (and upcast), nothing applied.
        EventStorageEngine storage = context.getBean(EventStorageEngine.class);
        long readStart = System.nanoTime();
        long[] payloads = {0};
        try (Stream<? extends TrackedEventMessage<?>> log = storage.readEvents(null, false)) {
            log.forEach(e -> payloads[0] += e.getPayload() == null ? 0 : 1);
        }
        long read = System.nanoTime() - readStart;

        // A full replay, no snapshot to start from.
        LogHistory history = context.getBean(LogHistory.class);
        jdbc.update("DELETE FROM history_snapshot");
        long replayStart = System.nanoTime();
        PastState all = history.at(head);
        long replayed = System.nanoTime() - replayStart;
        long engineStart = System.nanoTime();
        PolicyEngine engine = all.engine();
        long engineBuilt = System.nanoTime() - engineStart;
        if (all.eventsApplied() != count || engine.pods().size() != PODS) {
            throw new IllegalStateException("replayed " + all.eventsApplied() + " of " + count + " events, "
                    + engine.pods().size() + " pods");
        }

        // The snapshotter's pass over the whole log (it had followed up to the populated part).
        long passStart = System.nanoTime();
        snapshotter.start();
        while (jdbc.queryForObject("SELECT coalesce(max(revision), 0) FROM history_snapshot", Long.class)
                < head - 5_000) {
            Thread.sleep(100);
        }
        long pass = System.nanoTime() - passStart;
        snapshotter.stop();
        long snapshots = jdbc.queryForObject("SELECT count(*) FROM history_snapshot", Long.class);
        long snapshotBytes = jdbc.queryForObject(
                "SELECT coalesce(avg(length(objects_state) + length(inputs_state)), 0)::bigint FROM history_snapshot",
                Long.class);

        // As-of queries at random past revisions, each a revision not asked before (no cached state): the
        // effective rules of one namespace, and (at other revisions) the pods of one namespace.
        EffectiveRulesHistory rules = context.getBean(EffectiveRulesHistory.class);
        Random random = new Random(7);
        long[] rulesLatency = new long[queries];
        long[] rulesState = new long[queries];
        long[] objectsLatency = new long[queries];
        long replayedEvents = 0;
        int rulesRead = 0;
        int podsRead = 0;
        for (int q = 0; q < queries; q++) {
            long at = template + 1 + (long) (random.nextDouble() * (head - template - 1));
            String namespace = "ns-" + random.nextInt(PODS / 50);
            long q0 = System.nanoTime();
            PastState then = history.at(at);
            long q1 = System.nanoTime();
            rulesRead += rules.ofNamespace(then.engine(), namespace, at).size();
            rulesLatency[q] = System.nanoTime() - q0;
            rulesState[q] = q1 - q0;
            replayedEvents += then.eventsApplied();

            long other = template + 1 + (long) (random.nextDouble() * (head - template - 1));
            long o0 = System.nanoTime();
            podsRead += history.at(other)
                    .objects()
                    .list(Kind.POD, namespace, List.of(), 0, null, Scope.ALL, other)
                    .items()
                    .size();
            objectsLatency[q] = System.nanoTime() - o0;
        }
        if (rulesRead != queries * 50 || podsRead != queries * 50) {
            throw new IllegalStateException(
                    "read " + rulesRead + " pods' rules and " + podsRead + " pods in " + queries + " namespaces of 50");
        }

        System.out.printf(
                "%n%,d events (%,d through the command side in %.0f s, the rest stored with SQL in %.0f s); "
                        + "%d pods, %d namespaces; embedded PostgreSQL 17 (fsync on)%n%n",
                count, template, populated / 1e9, stored / 1e9, PODS, PODS / 50);
        System.out.println("| measurement | seconds | events/s | ÷ plain scan rate |");
        System.out.println("|---|---|---|---|");
        EventChainBenchmark.row(
                "plain SELECT of every column of domain_event_entry, in order (baseline)", scan, (int) count, scan);
        EventChainBenchmark.row(
                "chain verification (read + SHA-256 of every event, against its link)", verify, (int) count, scan);
        EventChainBenchmark.row(
                "events read through the event store (deserialized, upcast), nothing applied",
                read,
                (int) payloads[0],
                scan);
        EventChainBenchmark.row(
                "full replay: every event read through the event store and applied to a fresh state",
                replayed,
                (int) count,
                scan);
        EventChainBenchmark.row(
                "snapshotter's pass over the log, a snapshot every 5,000 events", pass, (int) count, scan);
        System.out.printf(
                "%nengine built from the replayed state (5,000 pods): %.0f ms; %d snapshots of %,d bytes "
                        + "on average%n%n",
                engineBuilt / 1e6, snapshots, snapshotBytes);
        System.out.printf(
                "as-of queries (%d, random revisions; state from the nearest snapshot + the events since, "
                        + "then the engine built and one namespace's rules read, or the objects read), %,.0f events replayed on "
                        + "average:%n%n",
                queries, (double) replayedEvents / queries);
        System.out.printf(
                "| as-of query | median ms | p90 ms | max ms | median ÷ full replay |%n|---|---|---|---|---|%n");
        latencyRow("effective rules of a namespace (50 pods) at revision N", rulesLatency, replayed + engineBuilt);
        latencyRow("  of which: the state at N (snapshot read + events since)", rulesState, replayed + engineBuilt);
        latencyRow("pods of a namespace (50) at revision N", objectsLatency, replayed + engineBuilt);
    }

    /**
     * The cluster through the command side: a tenant, 100 namespaces with one policy each, 5,000 pods, and
     * one label change whose stored row the copies are made from. Answers that row's revision, once the
     * effective rules have applied it.
     */
    static long populate(ConfigurableApplicationContext context) throws Exception {
        ObjectWriter writer = context.getBean(ObjectWriter.class);
        ProjectionPositions positions = context.getBean(ProjectionPositions.class);
        Attribution who = new Attribution(Caller.SYSTEM, "bench", "127.0.0.1");
        NetworkPolicySpec dbFromWeb = NodeStreamBenchmark.dbFromWeb();

        writer.submit(new CreateTenant("bench", UUID.randomUUID().toString(), Map.of(), Map.of()), who);
        for (int n = 0; n < PODS / 50; n++) {
            writer.submit(
                    new CreateNamespace(
                            "ns-" + n, UUID.randomUUID().toString(), "bench", Map.of("team", "t" + (n % 10)), Map.of()),
                    who);
            writer.submit(
                    new CreateNetworkPolicy(
                            "ns-" + n, "db-from-web", UUID.randomUUID().toString(), Map.of(), Map.of(), dbFromWeb),
                    who);
        }
        for (int p = 0; p < PODS; p++) {
            writer.submit(NodeStreamBenchmark.pod(p, NODES, p % 5 == 0 ? "db" : "web"), who);
        }
        long template = writer.submit(
                        new UpdatePod(
                                "ns-0",
                                "pod-0",
                                Map.of("app", "api"),
                                Map.of(),
                                NodeStreamBenchmark.spec(0, NODES),
                                null,
                                null),
                        who)
                .resourceVersion();
        if (!positions.await(EffectiveRulesProjection.NAME, template, Duration.ofMinutes(10))) {
            throw new IllegalStateException("the effective rules never caught up");
        }
        return template;
    }

    /** {@code copies} pod label changes, copied with SQL from the row at {@code template}, in batches. */
    static void copyLabelChanges(DataSource database, long template, int copies) throws Exception {
        try (Connection c = database.getConnection();
                Statement sql = c.createStatement()) {
            for (int from = 1; from <= copies; from += 50_000) {
                int to = Math.min(copies, from + 49_999);
                // Pod i % PODS alternates between app=web and app=api, with a label that changes every time.
                sql.execute(("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        SELECT 'bench-' || i, 'pods/ns-' || ((i %% %1$d) / 50) || '/pod-' || (i %% %1$d),
                            10 + i / %1$d, t.type, t.time_stamp, t.payload_type, t.payload_revision,
                            convert_to('{"namespace":"ns-' || ((i %% %1$d) / 50) || '","name":"pod-' || (i %% %1$d)
                              || '","uid":"bench-' || (i %% %1$d) || '","labels":{"app":"'
                              || (CASE WHEN i %% 2 = 0 THEN 'web' ELSE 'api' END) || '","change":"' || i
                              || '"},"annotations":{},"spec":{"nodeName":"node-' || ((i %% %1$d) %% %2$d)
                              || '","containers":[{"name":"main","image":"app","ports":[{"name":"http",'
                              || '"containerPort":8080,"protocol":"TCP"}]}]},"status":{"podIP":"10.0.'
                              || ((i %% %1$d) / 256) || '.' || ((i %% %1$d) %% 256) || '","podIPs":[{"ip":"10.0.'
                              || ((i %% %1$d) / 256) || '.' || ((i %% %1$d) %% 256) || '"}]},"generation":'
                              || (2 + i / %1$d) || '}', 'UTF8'), t.meta_data
                        FROM generate_series(%3$d, %4$d) AS i,
                             (SELECT * FROM domain_event_entry WHERE global_index = %5$d) AS t
                        """).formatted(PODS, NODES, from, to, template));
            }
        }
    }

    private static void latencyRow(String label, long[] nanos, long baselineNanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        System.out.printf(
                "| %s | %.0f | %.0f | %.0f | %.4f |%n",
                label,
                sorted[n / 2] / 1e6,
                sorted[(int) Math.ceil(n * 0.9) - 1] / 1e6,
                sorted[n - 1] / 1e6,
                (double) sorted[n / 2] / baselineNanos);
    }
}
