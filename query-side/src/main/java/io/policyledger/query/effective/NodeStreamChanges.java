package io.policyledger.query.effective;

import io.policyledger.core.engine.PodRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one batch of the effective-rules projection does to the nodes' rule streams, besides the rule
 * sets themselves: which peer sets each node needs ({@code node_peer_set}, counted by the node's rule
 * sets that refer to them) and what joined or left a node ({@code node_presence}). Reference counts are
 * summed over the batch and written once per (node, peer set), so a batch that moves a thousand pods
 * between policies touches each count once.
 */
final class NodeStreamChanges {

    static final String POD_RULES = "PodRules";
    static final String PEER_SET = "PeerSet";

    /** A rule set as it was stored before this batch changed it. */
    record Placed(String node, Set<String> peerSets) {}

    private record NodePeerSet(String node, String peerSetId) {}

    private final JdbcTemplate jdbc;
    private final long revision;
    private final Map<NodePeerSet, Integer> refChanges = new LinkedHashMap<>();

    NodeStreamChanges(JdbcTemplate jdbc, long revision) {
        this.jdbc = jdbc;
        this.revision = revision;
    }

    /**
     * A pod's rule set went from {@code before} (null: there was none) to being on {@code node} referring
     * to {@code peerSets} (node null: on no node, or gone).
     */
    void ruleSetPlaced(PodRef pod, Placed before, String node, Set<String> peerSets) {
        String oldNode = before == null ? null : before.node();
        if (oldNode != null) {
            before.peerSets().forEach(id -> refChanges.merge(new NodePeerSet(oldNode, id), -1, Integer::sum));
        }
        if (node != null) {
            peerSets.forEach(id -> refChanges.merge(new NodePeerSet(node, id), 1, Integer::sum));
        }
        if (oldNode != null && !oldNode.equals(node)) {
            presence(oldNode, POD_RULES, pod.namespace(), pod.name(), false);
        }
        if (node != null && !node.equals(oldNode)) {
            presence(node, POD_RULES, pod.namespace(), pod.name(), true);
        }
    }

    /** Writes the summed reference changes: a node starts or stops needing a peer set here. */
    void write() {
        for (Map.Entry<NodePeerSet, Integer> change : refChanges.entrySet()) {
            int delta = change.getValue();
            if (delta == 0) {
                continue;
            }
            String node = change.getKey().node();
            String id = change.getKey().peerSetId();
            List<Integer> found = jdbc.queryForList(
                    "SELECT refs FROM node_peer_set WHERE node = ? AND peer_set_id = ?", Integer.class, node, id);
            int before = found.isEmpty() ? 0 : found.get(0);
            int after = before + delta;
            if (after < 0) {
                throw new IllegalStateException(
                        "node " + node + " would refer to peer set " + id + " " + after + " times");
            }
            if (after == 0) {
                jdbc.update("DELETE FROM node_peer_set WHERE node = ? AND peer_set_id = ?", node, id);
                presence(node, PEER_SET, "", id, false);
            } else if (before == 0) {
                jdbc.update(
                        "INSERT INTO node_peer_set (node, peer_set_id, refs, since) VALUES (?, ?, ?, ?)",
                        node,
                        id,
                        after,
                        revision);
                presence(node, PEER_SET, "", id, true);
            } else {
                jdbc.update("UPDATE node_peer_set SET refs = ? WHERE node = ? AND peer_set_id = ?", after, node, id);
            }
        }
        refChanges.clear();
    }

    /** The object joined or left the node's stream at this batch's revision (the batch's last word counts). */
    private void presence(String node, String kind, String namespace, String name, boolean present) {
        jdbc.update("""
                INSERT INTO node_presence (node, kind, namespace, name, revision, present) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (node, kind, namespace, name, revision) DO UPDATE SET present = EXCLUDED.present
                """, node, kind, namespace, name, revision, present);
    }
}
