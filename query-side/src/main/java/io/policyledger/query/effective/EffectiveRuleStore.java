package io.policyledger.query.effective;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.core.engine.EngineDelta;
import io.policyledger.core.engine.EnginePod;
import io.policyledger.core.engine.PodRef;
import io.policyledger.core.engine.RuleView;
import io.policyledger.eventstore.EventLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the engine's output ({@code effective_rule_set}, {@code effective_peer_set[_member]}) by its
 * deltas, in their order: sets before the rule sets that use them, removals last. Peer-set members are
 * written by change (who joined, who left), so a change to a set of a hundred thousand pods writes one
 * row, not a hundred thousand.
 */
@Component
class EffectiveRuleStore {

    private final JdbcTemplate jdbc;
    private final RuleSetJson rules = new RuleSetJson(new ObjectMapper());

    EffectiveRuleStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes one batch's deltas; {@code podsChanged} are the pods whose own objects changed in the batch
     * (placement, addresses, ports, network namespace): their rows are stamped with the batch's revision
     * even when their rules stayed the same, because the agents' stream carries those attributes too.
     */
    void apply(List<EngineDelta> deltas, RuleView engine, Set<PodRef> podsChanged, long revision) {
        NodeStreamChanges nodes = new NodeStreamChanges(jdbc, revision);
        // Each pod occurs at most once among a batch's deltas: where every touched rule set was is read
        // at once, before any is written, and the rule sets are written in one batch each way.
        Set<PodRef> touched = new HashSet<>(podsChanged);
        for (EngineDelta delta : deltas) {
            if (delta instanceof EngineDelta.RuleSetUpdated u) {
                touched.add(u.ruleSet().pod());
            } else if (delta instanceof EngineDelta.RuleSetRemoved r) {
                touched.add(r.pod());
            }
        }
        Map<PodRef, NodeStreamChanges.Placed> before = placed(touched);
        Set<PodRef> written = new HashSet<>();
        List<Object[]> upserts = new ArrayList<>();
        List<Object[]> removals = new ArrayList<>();
        for (EngineDelta delta : deltas) {
            if (delta instanceof EngineDelta.PeerSetUpdated u) {
                peerSet(u, revision);
            } else if (delta instanceof EngineDelta.RuleSetUpdated u) {
                PodRef pod = u.ruleSet().pod();
                String node = nodeOf(engine, pod);
                upserts.add(new Object[] {pod.namespace(), pod.name(), node, rules.write(u.ruleSet()), revision});
                nodes.ruleSetPlaced(
                        pod, before.get(pod), node, Set.copyOf(u.ruleSet().peerSetIds()));
                written.add(pod);
            } else if (delta instanceof EngineDelta.RuleSetRemoved r) {
                removals.add(new Object[] {r.pod().namespace(), r.pod().name()});
                nodes.ruleSetPlaced(r.pod(), before.get(r.pod()), null, Set.of());
                written.add(r.pod());
            } else if (delta instanceof EngineDelta.PeerSetRemoved r) {
                jdbc.update("DELETE FROM effective_peer_set WHERE id = ?", r.peerSetId());
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO effective_rule_set (namespace, pod, node, rules, revision) VALUES (?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (namespace, pod) DO UPDATE SET node = EXCLUDED.node, rules = EXCLUDED.rules,
                  revision = EXCLUDED.revision
                """, upserts);
        jdbc.batchUpdate("DELETE FROM effective_rule_set WHERE namespace = ? AND pod = ?", removals);
        List<Object[]> moved = new ArrayList<>();
        for (PodRef pod : podsChanged) {
            NodeStreamChanges.Placed was = written.contains(pod) ? null : before.get(pod);
            if (was != null) {
                String node = nodeOf(engine, pod);
                moved.add(new Object[] {node, revision, pod.namespace(), pod.name()});
                nodes.ruleSetPlaced(pod, was, node, was.peerSets());
            }
        }
        jdbc.batchUpdate("UPDATE effective_rule_set SET node = ?, revision = ? WHERE namespace = ? AND pod = ?", moved);
        nodes.write();
    }

    private static String nodeOf(RuleView engine, PodRef pod) {
        EnginePod known = engine.pod(pod);
        return known == null ? null : known.node();
    }

    /** Where each pod's stored rule set is, and which peer sets it refers to (pods without one are absent). */
    private Map<PodRef, NodeStreamChanges.Placed> placed(Set<PodRef> pods) {
        Map<PodRef, NodeStreamChanges.Placed> out = new HashMap<>();
        if (pods.isEmpty()) {
            return out;
        }
        String[] namespaces = pods.stream().map(PodRef::namespace).toArray(String[]::new);
        String[] names = pods.stream().map(PodRef::name).toArray(String[]::new);
        jdbc.execute((ConnectionCallback<Void>) c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT r.namespace, r.pod, r.node, r.rules FROM effective_rule_set r
                    JOIN unnest(?::text[], ?::text[]) AS wanted(namespace, pod)
                      ON r.namespace = wanted.namespace AND r.pod = wanted.pod""")) {
                select.setArray(1, c.createArrayOf("text", namespaces));
                select.setArray(2, c.createArrayOf("text", names));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        PodRef pod = new PodRef(rs.getString(1), rs.getString(2));
                        out.put(
                                pod,
                                new NodeStreamChanges.Placed(
                                        rs.getString(3),
                                        Set.copyOf(
                                                rules.read(pod, rs.getString(4)).peerSetIds())));
                    }
                }
            }
            return null;
        });
        return out;
    }

    private void peerSet(EngineDelta.PeerSetUpdated u, long revision) {
        String id = u.peerSetId();
        jdbc.update("""
                INSERT INTO effective_peer_set (id, definition, revision) VALUES (?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET revision = EXCLUDED.revision
                """, id, u.key().canonical(), revision);
        if (u.complete()) {
            jdbc.update("DELETE FROM effective_peer_set_member WHERE peer_set_id = ?", id);
        }
        // Members that only changed addresses are already rows: the insert leaves them be.
        jdbc.batchUpdate(
                "INSERT INTO effective_peer_set_member (peer_set_id, namespace, pod) VALUES (?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                u.upserted().stream()
                        .map(p -> new Object[] {id, p.ref().namespace(), p.ref().name()})
                        .toList());
        jdbc.batchUpdate(
                "DELETE FROM effective_peer_set_member WHERE peer_set_id = ? AND namespace = ? AND pod = ?",
                u.left().stream()
                        .map(p -> new Object[] {id, p.namespace(), p.name()})
                        .toList());
    }

    /**
     * A batch was written up to {@code revision}. If a rebuild's replay ends a batch exactly at the head
     * it was started at, that revision is a boundary of the rebuilt rules too: agents holding it may resume.
     */
    void batchEnded(long revision) {
        jdbc.update(
                "UPDATE node_stream_horizon SET rebuilt_at = rebuilt_at - 1 WHERE rebuilt_at = ? AND rebuilt_at > 0",
                revision);
    }

    void deleteAll() {
        jdbc.update("DELETE FROM effective_rule_set");
        jdbc.update("DELETE FROM effective_peer_set");
        jdbc.update("DELETE FROM node_peer_set");
        jdbc.update("DELETE FROM node_presence");
        // Revisions agents hold were batch boundaries of the old read model: they relist (see V7).
        jdbc.update(
                "UPDATE node_stream_horizon SET rebuilt_at = " + EventLog.HEAD_SQL + ", generation = generation + 1");
    }

    /** How many times the read model was rebuilt or switched: an engine loaded before a change is stale. */
    int generation() {
        Integer generation = jdbc.queryForObject("SELECT generation FROM node_stream_horizon", Integer.class);
        return generation == null ? 0 : generation;
    }

    RuleSetJson json() {
        return rules;
    }
}
