package io.policyledger.query.effective;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.core.engine.EnginePod;
import io.policyledger.core.engine.PodRef;
import io.policyledger.core.engine.PodRuleSet;
import io.policyledger.core.engine.RuleView;
import io.policyledger.core.namespace.NamespaceLabels;
import io.policyledger.core.net.IpAddress;
import io.policyledger.core.pod.PodStatus;
import io.policyledger.query.position.ProjectionPositions;
import java.sql.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the effective-rules read model: a pod's rule set with the members of the peer sets it refers
 * to, and (as a {@link RuleView}) what connectivity checks are answered from, on any instance.
 */
@Component
public class EffectiveRulesReader implements RuleView {

    private final JdbcTemplate jdbc;
    private final EffectiveInputs inputs;
    private final ProjectionPositions positions;
    private final TransactionTemplate snapshot;
    private final ObjectMapper json = new ObjectMapper();
    private final RuleSetJson rules = new RuleSetJson(json);

    EffectiveRulesReader(
            JdbcTemplate jdbc,
            EffectiveInputs inputs,
            ProjectionPositions positions,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.inputs = inputs;
        this.positions = positions;
        this.snapshot = oneSnapshot(transactions);
    }

    /**
     * Several reads that make one answer (a rule set, its peer sets, their members; a node's changes):
     * they must all see the same state of the projection, and report the position of that state.
     */
    static TransactionTemplate oneSnapshot(PlatformTransactionManager transactions) {
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        return snapshot;
    }

    /** What {@code read} answers, read from one snapshot, with the projection's position in it. */
    public record AtRevision<T>(T value, long revision) {}

    public <T> AtRevision<T> inOneSnapshot(Supplier<T> read) {
        return snapshot.execute(status -> {
            long revision = positions.current(EffectiveRulesProjection.NAME);
            return new AtRevision<>(read.get(), revision);
        });
    }

    /** A member of a peer set: the pod, its namespace's tenant and its addresses. */
    public record Member(PodRef pod, String tenant, List<String> addresses) {}

    /** A pod's rules as stored, with the members of every peer set they refer to. */
    public record PodRules(
            PodRef pod,
            String node,
            List<String> addresses,
            long revision,
            PodRuleSet rules,
            Map<String, List<Member>> peerSets) {}

    public Optional<PodRules> ofPod(String namespace, String pod) {
        List<PodRules> found = read("r.namespace = ? AND r.pod = ?", namespace, pod);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<PodRules> ofNamespace(String namespace) {
        return read("r.namespace = ?", namespace);
    }

    /** The tenant of a namespace the projection knows, if it knows it. */
    public Optional<String> tenantOf(String namespace) {
        return jdbc
                .queryForList(
                        "SELECT document -> 'labels' ->> ? FROM effective_input WHERE kind = 'NAMESPACE' "
                                + "AND namespace = '' AND name = ?",
                        String.class,
                        NamespaceLabels.TENANT,
                        namespace)
                .stream()
                .findFirst();
    }

    private List<PodRules> read(String where, Object... args) {
        List<PodRules> out = new ArrayList<>();
        jdbc.query(
                "SELECT r.namespace, r.pod, r.node, r.rules, r.revision, p.document -> 'status' AS status "
                        + "FROM effective_rule_set r LEFT JOIN effective_input p ON p.kind = 'POD' "
                        + "AND p.namespace = r.namespace AND p.name = r.pod WHERE " + where
                        + " ORDER BY r.namespace, r.pod",
                rs -> {
                    PodRef ref = new PodRef(rs.getString("namespace"), rs.getString("pod"));
                    PodRuleSet set = rules.read(ref, rs.getString("rules"));
                    out.add(new PodRules(
                            ref,
                            rs.getString("node"),
                            addresses(rs.getString("status")),
                            rs.getLong("revision"),
                            set,
                            Map.of()));
                },
                args);
        List<String> ids = out.stream()
                .flatMap(r -> r.rules().peerSetIds().stream())
                .distinct()
                .toList();
        Map<String, List<Member>> members = members(ids);
        return out.stream()
                .map(r -> {
                    Map<String, List<Member>> own = new LinkedHashMap<>();
                    r.rules().peerSetIds().forEach(id -> own.put(id, members.getOrDefault(id, List.of())));
                    return new PodRules(r.pod(), r.node(), r.addresses(), r.revision(), r.rules(), own);
                })
                .toList();
    }

    private Map<String, List<Member>> members(List<String> ids) {
        Map<String, List<Member>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.execute((ConnectionCallback<Void>) c -> {
            Array array = c.createArrayOf("text", ids.toArray());
            try (var statement = c.prepareStatement("""
                    SELECT m.peer_set_id, m.namespace, m.pod, p.document -> 'status' AS status,
                           n.document -> 'labels' ->> ? AS tenant
                    FROM effective_peer_set_member m
                    LEFT JOIN effective_input p ON p.kind = 'POD' AND p.namespace = m.namespace AND p.name = m.pod
                    LEFT JOIN effective_input n ON n.kind = 'NAMESPACE' AND n.namespace = '' AND n.name = m.namespace
                    WHERE m.peer_set_id = ANY (?)
                    ORDER BY m.peer_set_id, m.namespace, m.pod""")) {
                statement.setString(1, NamespaceLabels.TENANT);
                statement.setArray(2, array);
                try (var rs = statement.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString("peer_set_id"), i -> new ArrayList<>())
                                .add(new Member(
                                        new PodRef(rs.getString("namespace"), rs.getString("pod")),
                                        rs.getString("tenant"),
                                        addresses(rs.getString("status"))));
                    }
                }
            }
            return null;
        });
        return out;
    }

    private List<String> addresses(String status) {
        if (status == null) {
            return List.of();
        }
        try {
            PodStatus s = json.readValue(status, PodStatus.class);
            return s == null || s.podIPs() == null
                    ? List.of()
                    : s.podIPs().stream().map(ip -> ip.ip()).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable pod status", e);
        }
    }

    // ---- RuleView: what connectivity checks read ----

    @Override
    public PodRuleSet ruleSet(PodRef pod) {
        return jdbc.query(
                "SELECT rules FROM effective_rule_set WHERE namespace = ? AND pod = ?",
                rs -> rs.next() ? rules.read(pod, rs.getString(1)) : null,
                pod.namespace(),
                pod.name());
    }

    @Override
    public EnginePod pod(PodRef pod) {
        return jdbc.query(
                "SELECT document FROM effective_input WHERE kind = 'POD' AND namespace = ? AND name = ?",
                rs -> rs.next() ? enginePod(rs.getString(1)) : null,
                pod.namespace(),
                pod.name());
    }

    @Override
    public boolean inPeerSet(String peerSetId, PodRef pod) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM effective_peer_set_member "
                        + "WHERE peer_set_id = ? AND namespace = ? AND pod = ?)",
                Boolean.class,
                peerSetId,
                pod.namespace(),
                pod.name()));
    }

    @Override
    public Optional<EnginePod> podWithAddress(IpAddress ip) {
        String contains = json.createArrayNode()
                .add(json.createObjectNode().put("ip", ip.toString()))
                .toString();
        return jdbc.query(
                "SELECT document FROM effective_input WHERE kind = 'POD' "
                        + "AND document -> 'status' -> 'podIPs' @> ?::jsonb LIMIT 1",
                rs -> rs.next() ? Optional.of(enginePod(rs.getString(1))) : Optional.<EnginePod>empty(),
                contains);
    }

    private EnginePod enginePod(String document) {
        return ((EngineInput.Pod) inputs.read(EngineInput.POD, document)).enginePod();
    }
}
