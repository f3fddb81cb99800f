package io.policyledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.core.namespace.NamespaceCreated;
import io.policyledger.core.namespace.NamespaceDeleted;
import io.policyledger.core.namespace.NamespaceMetadataChanged;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.pod.Container;
import io.policyledger.core.pod.PodCreated;
import io.policyledger.core.pod.PodDeleted;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import io.policyledger.core.tenant.TenantCreated;
import io.policyledger.core.token.TokenIssued;
import io.policyledger.core.token.TokenRevoked;
import io.policyledger.eventstore.EventAttribution;
import io.policyledger.query.ProcessorBatch;
import io.policyledger.query.position.ProjectionPositions;
import io.policyledger.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The audit trail's index on a real PostgreSQL, without the application: random histories in which
 * namespace names pass between tenants and tokens are issued and revoked, handed over in batches of
 * random size (some rolled back and delivered again, cut elsewhere). Every event must have one row saying
 * who, when, which object and whose object it was at that moment, as a plain walk through the log
 * decides it: a namespace's earlier history keeps its earlier owner, a revoked token its issuing tenant.
 */
class AuditTrailProjectionTest {

    private static final List<String> TENANTS = List.of("t1", "t2");
    private static final List<String> NAMESPACES = List.of("n1", "n2");

    private static PGSimpleDataSource database;

    @BeforeAll
    static void database() {
        database = TestDatabase.createDatabase().migrated().dataSource();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void everyEventHasARowWithWhoseObjectItWasThen(long seed) {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(database);
        AuditTrailProjection projection = AuditTrailProjection.writingTo(jdbc);
        projection.reset();
        Random random = new Random(seed);
        History history = new History(random);
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            history.next(messages, expected);
        }

        int next = 0;
        int rolledBack = 0;
        while (next < messages.size()) {
            int size = 1 + random.nextInt(random.nextBoolean() ? 3 : 50);
            List<DomainEventMessage<?>> batch = messages.subList(next, Math.min(messages.size(), next + size));
            boolean commit = random.nextInt(6) != 0;
            long first = next + 1;
            ProcessorBatch.run(batch.get(0), transactions, commit, () -> {
                long position = first;
                for (DomainEventMessage<?> message : batch) {
                    projection.on(message.getPayload(), message, new GlobalSequenceTrackingToken(position++));
                }
            });
            if (commit) {
                next += batch.size();
            } else {
                rolledBack++;
            }
        }

        List<List<Object>> rows = jdbc.query(
                "SELECT revision, time, actor, role, actor_tenant, request_id, source, type, kind, namespace, name, "
                        + "tenant FROM audit_event ORDER BY revision",
                (rs, i) -> Arrays.asList(
                        rs.getLong("revision"),
                        rs.getTimestamp("time").toInstant(),
                        rs.getString("actor"),
                        rs.getString("role"),
                        rs.getString("actor_tenant"),
                        rs.getString("request_id"),
                        rs.getString("source"),
                        rs.getString("type"),
                        rs.getString("kind"),
                        rs.getString("namespace"),
                        rs.getString("name"),
                        rs.getString("tenant")));
        for (int i = 0; i < expected.size(); i++) {
            assertThat(rows.get(i)).as("revision %s (seed %s)", i + 1, seed).isEqualTo(expected.get(i));
        }
        assertThat(rows).hasSameSizeAs(expected);
        assertThat(new ProjectionPositions(jdbc).current(AuditTrailProjection.NAME))
                .isEqualTo(messages.size());
        assertThat(rolledBack)
                .as("some batches were rolled back and delivered again")
                .isPositive();
    }

    /**
     * A history a real log could hold, with the row each event must get, decided by walking it in order:
     * the owner of a namespace is the tenant that created it, until it is deleted.
     */
    private static final class History {
        private final Random random;
        private final Map<String, String> namespaceOwners = new HashMap<>();
        private final Map<String, String> namespaceUids = new HashMap<>();
        private final Map<String, String> pods = new HashMap<>();
        private final Map<String, String> liveTokens = new HashMap<>();
        private int serial;

        History(Random random) {
            this.random = random;
        }

        void next(List<DomainEventMessage<?>> messages, List<List<Object>> expected) {
            serial++;
            String ns = NAMESPACES.get(random.nextInt(NAMESPACES.size()));
            String tenant = TENANTS.get(random.nextInt(TENANTS.size()));
            ObjectKey key;
            Object event;
            String owner;
            int dice = random.nextInt(10);
            if (serial <= TENANTS.size()) {
                tenant = TENANTS.get(serial - 1);
                key = ObjectKey.tenant(tenant);
                event = new TenantCreated(tenant, "tenant-" + serial, Map.of(), Map.of(), at());
                owner = tenant;
            } else if (dice == 0) {
                String id = "token-" + serial;
                String of = random.nextBoolean() ? tenant : null;
                liveTokens.put(id, of);
                key = ObjectKey.token(id);
                event = new TokenIssued(id, of == null ? "platform-admin" : "tenant-admin", of, "s", null, at(), at());
                owner = of;
            } else if (dice == 1 && !liveTokens.isEmpty()) {
                String id = liveTokens.keySet().iterator().next();
                owner = liveTokens.remove(id);
                key = ObjectKey.token(id);
                // The revocation names no tenant here: whose token it was is the to say.
                event = new TokenRevoked(id, null);
            } else if (!namespaceOwners.containsKey(ns)) {
                namespaceOwners.put(ns, tenant);
                namespaceUids.put(ns, "ns-" + serial);
                key = ObjectKey.namespace(ns);
                event = new NamespaceCreated(ns, namespaceUids.get(ns), tenant, Map.of(), Map.of(), at());
                owner = tenant;
            } else if (dice == 2 && pods.keySet().stream().noneMatch(k -> k.startsWith(ns + "/"))) {
                key = ObjectKey.namespace(ns);
                event = new NamespaceDeleted(ns, namespaceUids.remove(ns));
                owner = namespaceOwners.remove(ns);
            } else if (dice == 3) {
                key = ObjectKey.namespace(ns);
                event = new NamespaceMetadataChanged(ns, namespaceUids.get(ns), Map.of("v", "" + serial), Map.of());
                owner = namespaceOwners.get(ns);
            } else {
                String pod = "p" + random.nextInt(3);
                key = ObjectKey.pod(ns, pod);
                owner = namespaceOwners.get(ns);
                if (pods.containsKey(ns + "/" + pod)) {
                    event = new PodDeleted(ns, pod, pods.remove(ns + "/" + pod));
                } else {
                    pods.put(ns + "/" + pod, "pod-" + serial);
                    event = new PodCreated(
                            ns,
                            pod,
                            pods.get(ns + "/" + pod),
                            Map.of(),
                            Map.of(),
                            new PodSpec("node", List.of(new Container("c", "i", null))),
                            PodStatus.NONE,
                            at());
                }
            }
            Map<String, Object> meta = new HashMap<>();
            boolean attributed = random.nextInt(4) != 0;
            String actorTenant = random.nextBoolean() ? tenant : null;
            if (attributed) {
                meta.put(EventAttribution.ACTOR, "user-" + random.nextInt(3));
                meta.put(EventAttribution.ROLE, "tenant-admin");
                if (actorTenant != null) {
                    meta.put(EventAttribution.TENANT, actorTenant);
                }
                meta.put(EventAttribution.REQUEST_ID, "req-" + serial);
                meta.put(EventAttribution.SOURCE, "10.9.9." + random.nextInt(9));
                meta.put(EventAttribution.TIME, at().toString());
            }
            DomainEventMessage<?> message = new GenericDomainEventMessage<>(
                    event.getClass().getSimpleName(), key.aggregateId(), serial, event, meta);
            messages.add(message);
            expected.add(Arrays.asList(
                    (long) messages.size(),
                    attributed ? at() : toMicros(message.getTimestamp()),
                    attributed ? meta.get(EventAttribution.ACTOR) : "system:policy-ledger",
                    attributed ? "tenant-admin" : "system",
                    attributed ? actorTenant : null,
                    attributed ? "req-" + serial : null,
                    attributed ? meta.get(EventAttribution.SOURCE) : null,
                    event.getClass().getSimpleName(),
                    key.kind().name(),
                    key.kind() == io.policyledger.core.object.Kind.NAMESPACE
                            ? key.name()
                            : key.namespace().isEmpty() ? null : key.namespace(),
                    key.name(),
                    owner));
        }

        /** PostgreSQL keeps microseconds, rounded. */
        private static Instant toMicros(Instant time) {
            return time.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
        }

        private Instant at() {
            return Instant.ofEpochSecond(1_800_000_000L + serial);
        }
    }
}
