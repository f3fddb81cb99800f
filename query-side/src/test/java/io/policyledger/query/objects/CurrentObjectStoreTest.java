package io.policyledger.query.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.core.namespace.NamespaceCreated;
import io.policyledger.core.namespace.NamespaceDeleted;
import io.policyledger.core.namespace.NamespaceMetadataChanged;
import io.policyledger.core.object.Kind;
import io.policyledger.core.pod.Container;
import io.policyledger.core.pod.PodCreated;
import io.policyledger.core.pod.PodDeleted;
import io.policyledger.core.pod.PodIP;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import io.policyledger.core.pod.PodUpdated;
import io.policyledger.query.position.ProjectionPositions;
import io.policyledger.testing.TestDatabase;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The current-objects store on a real PostgreSQL, without the application: random histories of namespaces
 * and pods (created, relabelled, changed, deleted, created again) applied through {@link ObjectChanges} to
 * the store and to the in-memory objects time travel uses; what the store's reader lists must equal them.
 * Two implementations of one meaning, each the other's oracle.
 */
class CurrentObjectStoreTest {

    private static final List<String> NAMESPACES = List.of("a", "b");
    private static final List<String> PODS = List.of("p", "q", "r");

    private static PGSimpleDataSource database;

    @BeforeAll
    static void database() {
        database = TestDatabase.createDatabase().migrated().dataSource();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void theStoreHoldsWhatTheEventsSay(long seed) {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        jdbc.update("DELETE FROM current_object");
        CurrentObjectStore store = new CurrentObjectStore(jdbc);
        ObjectsAt memory = new ObjectsAt();
        Random random = new Random(seed);
        Map<String, String> namespaceUids = new HashMap<>();
        Map<String, String> podUids = new HashMap<>();
        Map<String, Long> generations = new HashMap<>();
        long rv = 0;
        for (int i = 0; i < 300; i++) {
            String ns = NAMESPACES.get(random.nextInt(NAMESPACES.size()));
            String pod = PODS.get(random.nextInt(PODS.size()));
            String podKey = ns + "/" + pod;
            Object event;
            int dice = random.nextInt(10);
            if (!namespaceUids.containsKey(ns)) {
                namespaceUids.put(ns, "ns-uid-" + i);
                event = new NamespaceCreated(
                        ns, namespaceUids.get(ns), "tenant-" + ns, labels(random), Map.of(), at(i));
            } else if (dice == 0 && podUids.keySet().stream().noneMatch(k -> k.startsWith(ns + "/"))) {
                event = new NamespaceDeleted(ns, namespaceUids.remove(ns));
            } else if (dice == 1) {
                event = new NamespaceMetadataChanged(
                        ns, namespaceUids.get(ns), labels(random), Map.of("note", "n" + i));
            } else if (!podUids.containsKey(podKey)) {
                podUids.put(podKey, "pod-uid-" + i);
                generations.put(podKey, 1L);
                event = new PodCreated(
                        ns, pod, podUids.get(podKey), labels(random), Map.of(), spec(random), status(random), at(i));
            } else if (dice < 4) {
                event = new PodDeleted(ns, pod, podUids.remove(podKey));
            } else {
                long generation = generations.merge(podKey, (long) random.nextInt(2), Long::sum);
                event = new PodUpdated(
                        ns,
                        pod,
                        podUids.get(podKey),
                        labels(random),
                        Map.of(),
                        spec(random),
                        status(random),
                        generation);
            }
            rv += 1 + random.nextInt(3); // revisions need not be consecutive
            assertThat(ObjectChanges.apply(event, rv, store)).isTrue();
            ObjectChanges.apply(event, rv, memory);
        }

        CurrentObjectReader reader = new CurrentObjectReader(
                jdbc, new ProjectionPositions(jdbc), new DataSourceTransactionManager(database));
        for (Kind kind : List.of(Kind.NAMESPACE, Kind.POD)) {
            List<StoredObject> stored =
                    reader.list(kind, null, List.of(), 0, null, Scope.ALL).items();
            List<StoredObject> expected =
                    memory.list(kind, null, List.of(), 0, null, Scope.ALL, rv).items();
            assertThat(stored).as(kind + " after seed " + seed).isEqualTo(expected);
        }
    }

    private static Map<String, String> labels(Random random) {
        Map<String, String> labels = new HashMap<>();
        if (random.nextBoolean()) {
            labels.put("app", "v" + random.nextInt(3));
        }
        if (random.nextBoolean()) {
            labels.put("tier", "t" + random.nextInt(2));
        }
        return labels;
    }

    private static PodSpec spec(Random random) {
        return new PodSpec(
                "node-" + random.nextInt(2), List.of(new Container("main", "nginx:" + random.nextInt(3), null)));
    }

    private static PodStatus status(Random random) {
        String ip = "10.0.0." + (1 + random.nextInt(50));
        return new PodStatus(ip, List.of(new PodIP(ip)));
    }

    /** Whole seconds: the table keeps microseconds, and the comparison is of what both keep. */
    private static Instant at(int i) {
        return Instant.ofEpochSecond(1_800_000_000L + i);
    }
}
