package io.policyledger.query.effective;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.core.engine.EnginePod;
import io.policyledger.core.engine.PodRef;
import io.policyledger.core.engine.PodRuleSet;
import io.policyledger.query.position.ProjectionPositions;
import java.sql.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads a node's rule stream from the effective-rules read model: everything on the node (a snapshot), or
 * what changed on it after a revision, as of the projection's position, from one snapshot of the
 * database. Every instance answers the same for the same revisions: the stream is derived from the
 * event log, not from what one instance happens to have sent.
 */
@Component
public class NodeRulesReader {

    private final JdbcTemplate jdbc;
    private final EffectiveInputs inputs;
    private final ProjectionPositions positions;
    private final TransactionTemplate snapshot;
    private final TransactionTemplate writing;
    private final RuleSetJson rules = new RuleSetJson(new ObjectMapper());

    NodeRulesReader(
            JdbcTemplate jdbc,
            EffectiveInputs inputs,
            ProjectionPositions positions,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.inputs = inputs;
        this.positions = positions;
        this.snapshot = EffectiveRulesReader.oneSnapshot(transactions);
        this.writing = new TransactionTemplate(transactions);
    }

    /**
     * A peer set a node needs; {@code members} is null when the caller said it already has this revision;
     * {@code added}: the node did not have it at the revision the changes start from.
     */
    public record PeerSetState(String id, long revision, boolean added, List<EnginePod> members) {}

    /**
     * A pod on the node: its rule set and its own attributes (addresses, named ports, network namespace);
     * {@code added}: it was not on the node at the revision the changes start from.
     */
    public record PodRulesState(
            EnginePod pod, String uid, String netns, long revision, boolean added, PodRuleSet rules) {}

    /** Something that left the node's stream: a pod's rules (namespace, name) or a peer set ("", id). */
    public record Removed(String kind, String namespace, String name, long revision) {}

    /**
     * What the node's agent must apply to go from revision {@code after} to {@code revision}, in the order to
     * apply it: peer sets, then the rule sets that use them, then removals (rule sets before the peer
     * sets they used). A snapshot ({@code after} &lt; 0) has no removals.
     */
    public record NodeChanges(
            long revision,
            List<PeerSetState> peerSets,
            List<PodRulesState> ruleSets,
            List<Removed> removed,
            Horizon horizon) {
        public boolean isEmpty() {
            return peerSets.isEmpty() && ruleSets.isEmpty() && removed.isEmpty();
        }
    }

    /**
     * The node's changes after {@code after} (negative: everything), as of the projection's position.
     * {@code cached} says which (peer set, revision) the caller has already rendered: their members are
     * not read again.
     */
    public NodeChanges read(String node, long after, BiPredicate<String, Long> cached) {
        return read(Map.of(after, Set.of(node)), cached).get(new NodeAfter(node, after));
    }

    /** A node's stream from a revision: what a watcher that has everything up to {@code after} needs next. */
    public record NodeAfter(String node, long after) {}

    /**
     * The changes of many nodes, each after its revision, all as of one position (read in one snapshot):
     * {@code nodesByAfter} maps a revision to the nodes to read from it. Nodes with nothing new get empty
     * changes.
     */
    public Map<NodeAfter, NodeChanges> read(Map<Long, Set<String>> nodesByAfter, BiPredicate<String, Long> cached) {
        return snapshot.execute(status -> {
            long revision = positions.current(EffectiveRulesProjection.NAME);
            Horizon horizon = horizon();
            Map<NodeAfter, NodeChanges> out = new HashMap<>();
            Map<NodeAfter, List<PeerSetState>> peerSets = new HashMap<>();
            Set<String> toRead = new HashSet<>();
            for (Map.Entry<Long, Set<String>> from : nodesByAfter.entrySet()) {
                long after = from.getKey();
                Set<String> nodes = from.getValue();
                peerSets(nodes, after).forEach((node, sets) -> {
                    peerSets.put(new NodeAfter(node, after), sets);
                    sets.stream()
                            .filter(p -> !cached.test(p.id(), p.revision()))
                            .forEach(p -> toRead.add(p.id()));
                });
            }
            Map<String, List<EnginePod>> members = members(List.copyOf(toRead));
            for (Map.Entry<Long, Set<String>> from : nodesByAfter.entrySet()) {
                long after = from.getKey();
                Set<String> nodes = from.getValue();
                Map<String, List<PodRulesState>> ruleSets = ruleSets(nodes, after);
                Map<String, List<Removed>> removed = after < 0 ? Map.of() : removed(nodes, after);
                for (String node : nodes) {
                    NodeAfter key = new NodeAfter(node, after);
                    List<PeerSetState> sets = peerSets.getOrDefault(key, List.of()).stream()
                            .map(p -> toRead.contains(p.id())
                                    ? new PeerSetState(
                                            p.id(), p.revision(), p.added(), members.getOrDefault(p.id(), List.of()))
                                    : p)
                            .toList();
                    out.put(
                            key,
                            new NodeChanges(
                                    revision,
                                    sets,
                                    ruleSets.getOrDefault(node, List.of()),
                                    removed.getOrDefault(node, List.of()),
                                    horizon));
                }
            }
            return out;
        });
    }

    /** Reads done in {@code reads} see one state of the read model (and the position of that state). */
    public <T> T inOneSnapshot(java.util.function.Supplier<T> reads) {
        return snapshot.execute(status -> reads.get());
    }

    /**
     * How far back the streams reach: resuming needs a revision at or above {@code revision} (history
     * below it is compacted) and, after a rebuild, above {@code rebuiltAt}; {@code generation} changes
     * with every rebuild.
     */
    public record Horizon(long revision, long rebuiltAt, int generation) {
        public boolean canResumeFrom(long resumeFrom) {
            return resumeFrom >= revision && (rebuiltAt == 0 || resumeFrom > rebuiltAt);
        }
    }

    public Horizon horizon() {
        return jdbc.queryForObject(
                "SELECT revision, rebuilt_at, generation FROM node_stream_horizon",
                (rs, i) -> new Horizon(rs.getLong(1), rs.getLong(2), rs.getInt(3)));
    }

    /** The projection's position: the revision the next read will reflect at least. */
    public long position() {
        return positions.current(EffectiveRulesProjection.NAME);
    }

    /** The nodes whose streams have changes in ({@code after}, {@code upTo}]. */
    public Set<String> nodesChanged(long after, long upTo) {
        return Set.copyOf(jdbc.queryForList("""
                SELECT node FROM effective_rule_set WHERE node IS NOT NULL AND revision > ? AND revision <= ?
                UNION SELECT node FROM node_presence WHERE revision > ? AND revision <= ?
                UNION SELECT n.node FROM node_peer_set n JOIN effective_peer_set p ON p.id = n.peer_set_id
                      WHERE p.revision > ? AND p.revision <= ?
                UNION SELECT node FROM node_peer_set WHERE since > ? AND since <= ?
                """, String.class, after, upTo, after, upTo, after, upTo, after, upTo));
    }

    /**
     * Forgets what joined or left nodes at or below {@code revision}, except what is still needed to tell
     * what each node held then: resuming from before it answers 410 Expired. Returns how many rows went.
     */
    public int purgeRemovalsThrough(long revision) {
        // One transaction: a round reading the horizon and the history sees both before or both after.
        return Objects.requireNonNull(writing.execute(status -> purge(revision)));
    }

    private int purge(long revision) {
        jdbc.update("UPDATE node_stream_horizon SET revision = GREATEST(revision, ?)", revision);
        int superseded = jdbc.update("""
                DELETE FROM node_presence p WHERE p.revision <= ? AND EXISTS (SELECT 1 FROM node_presence q
                  WHERE q.node = p.node AND q.kind = p.kind AND q.namespace = p.namespace AND q.name = p.name
                    AND q.revision > p.revision AND q.revision <= ?)""", revision, revision);
        // Absence is what no entry says.
        return superseded + jdbc.update("DELETE FROM node_presence WHERE revision <= ? AND NOT present", revision);
    }

    private Map<String, List<PeerSetState>> peerSets(Set<String> nodes, long after) {
        Map<String, List<PeerSetState>> out = new HashMap<>();
        withNodes(
                nodes,
                array -> jdbc.query(
                        """
                SELECT n.node, p.id, p.revision, NOT %s
                FROM node_peer_set n JOIN effective_peer_set p ON p.id = n.peer_set_id
                WHERE n.node = ANY (?) AND (p.revision > ? OR n.since > ?) ORDER BY n.node, p.id
                """.formatted(presentAt("n.node", "'PeerSet'", "''", "p.id")),
                        (RowCallbackHandler) rs -> out.computeIfAbsent(rs.getString(1), n -> new ArrayList<>())
                                .add(new PeerSetState(rs.getString(2), rs.getLong(3), rs.getBoolean(4), null)),
                        after,
                        array,
                        after,
                        after));
        return out;
    }

    private Map<String, List<PodRulesState>> ruleSets(Set<String> nodes, long after) {
        Map<String, List<PodRulesState>> out = new HashMap<>();
        withNodes(
                nodes,
                array -> jdbc.query(
                        """
                SELECT r.node, r.namespace, r.pod, r.rules, r.revision, p.document, NOT %s AS added
                FROM effective_rule_set r JOIN effective_input p ON p.kind = 'POD' AND p.namespace = r.namespace
                  AND p.name = r.pod
                WHERE r.node = ANY (?) AND r.revision > ? ORDER BY r.node, r.namespace, r.pod
                """.formatted(presentAt("r.node", "'PodRules'", "r.namespace", "r.pod")),
                        (RowCallbackHandler) rs -> {
                            PodRef ref = new PodRef(rs.getString("namespace"), rs.getString("pod"));
                            EngineInput.Pod pod =
                                    (EngineInput.Pod) inputs.read(EngineInput.POD, rs.getString("document"));
                            out.computeIfAbsent(rs.getString("node"), n -> new ArrayList<>())
                                    .add(new PodRulesState(
                                            pod.enginePod(),
                                            pod.uid(),
                                            pod.netns(),
                                            rs.getLong("revision"),
                                            rs.getBoolean("added"),
                                            rules.read(ref, rs.getString("rules"))));
                        },
                        after,
                        array,
                        after));
        return out;
    }

    private Map<String, List<Removed>> removed(Set<String> nodes, long after) {
        // What is absent now (its last entry says so) and was present at `after`; rule sets first, then
        // the peer sets they used.
        Map<String, List<Removed>> out = new HashMap<>();
        withNodes(
                nodes,
                array -> jdbc.query(
                        """
                SELECT p.node, p.kind, p.namespace, p.name, p.revision FROM node_presence p
                WHERE p.node = ANY (?) AND p.revision > ? AND NOT p.present
                  AND p.revision = (SELECT max(q.revision) FROM node_presence q WHERE q.node = p.node
                                    AND q.kind = p.kind AND q.namespace = p.namespace AND q.name = p.name)
                  AND %s
                ORDER BY p.node, CASE p.kind WHEN 'PodRules' THEN 0 ELSE 1 END, p.namespace, p.name
                """.formatted(presentAt("p.node", "p.kind", "p.namespace", "p.name")),
                        (RowCallbackHandler) rs -> out.computeIfAbsent(rs.getString(1), n -> new ArrayList<>())
                                .add(new Removed(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5))),
                        array,
                        after,
                        after));
        return out;
    }

    /** Runs {@code query} with the node names as one SQL array parameter. */
    private void withNodes(Set<String> nodes, java.util.function.Consumer<Array> query) {
        jdbc.execute((ConnectionCallback<Void>) c -> {
            query.accept(c.createArrayOf("text", nodes.toArray()));
            return null;
        });
    }

    /** Whether an object was on a node at revision {@code ?}: the last presence entry at or before it says. */
    private static String presentAt(String node, String kind, String namespace, String name) {
        return "coalesce((SELECT q.present FROM node_presence q WHERE q.node = " + node + " AND q.kind = " + kind
                + " AND q.namespace = " + namespace + " AND q.name = " + name
                + " AND q.revision <= ? ORDER BY q.revision DESC LIMIT 1), false)";
    }

    private Map<String, List<EnginePod>> members(List<String> ids) {
        Map<String, List<EnginePod>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.execute((ConnectionCallback<Void>) c -> {
            Array array = c.createArrayOf("text", ids.toArray());
            try (var statement = c.prepareStatement("""
                    SELECT m.peer_set_id, p.document FROM effective_peer_set_member m
                    JOIN effective_input p ON p.kind = 'POD' AND p.namespace = m.namespace AND p.name = m.pod
                    WHERE m.peer_set_id = ANY (?) ORDER BY m.peer_set_id, m.namespace, m.pod""")) {
                statement.setArray(1, array);
                try (var rs = statement.executeQuery()) {
                    while (rs.next()) {
                        EngineInput.Pod pod = (EngineInput.Pod) inputs.read(EngineInput.POD, rs.getString(2));
                        out.computeIfAbsent(rs.getString(1), i -> new ArrayList<>())
                                .add(pod.enginePod());
                    }
                }
            }
            return null;
        });
        return out;
    }
}
