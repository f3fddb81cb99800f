package io.policyledger.query.effective;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.core.engine.EngineDelta;
import io.policyledger.core.engine.EnginePod;
import io.policyledger.core.engine.PodRef;
import io.policyledger.core.engine.RuleView;
import java.util.List;
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

    void apply(List<EngineDelta> deltas, RuleView engine, long revision) {
        for (EngineDelta delta : deltas) {
            if (delta instanceof EngineDelta.PeerSetUpdated u) {
                peerSet(u, revision);
            } else if (delta instanceof EngineDelta.RuleSetUpdated u) {
                PodRef pod = u.ruleSet().pod();
                EnginePod known = engine.pod(pod);
                jdbc.update("""
                        INSERT INTO effective_rule_set (namespace, pod, node, rules, revision) VALUES (?, ?, ?, ?::jsonb, ?)
                        ON CONFLICT (namespace, pod) DO UPDATE SET node = EXCLUDED.node, rules = EXCLUDED.rules,
                          revision = EXCLUDED.revision
                        """, pod.namespace(), pod.name(), known == null ? null : known.node(),
                        rules.write(u.ruleSet()), revision);
            } else if (delta instanceof EngineDelta.RuleSetRemoved r) {
                jdbc.update("DELETE FROM effective_rule_set WHERE namespace = ? AND pod = ?", r.pod().namespace(),
                        r.pod().name());
            } else if (delta instanceof EngineDelta.PeerSetRemoved r) {
                jdbc.update("DELETE FROM effective_peer_set WHERE id = ?", r.peerSetId());
            }
        }
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
        jdbc.batchUpdate("INSERT INTO effective_peer_set_member (peer_set_id, namespace, pod) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", u.upserted().stream()
                .map(p -> new Object[] {id, p.ref().namespace(), p.ref().name()}).toList());
        jdbc.batchUpdate("DELETE FROM effective_peer_set_member WHERE peer_set_id = ? AND namespace = ? AND pod = ?",
                u.left().stream().map(p -> new Object[] {id, p.namespace(), p.name()}).toList());
    }

    void deleteAll() {
        jdbc.update("DELETE FROM effective_rule_set");
        jdbc.update("DELETE FROM effective_peer_set");
    }

    RuleSetJson json() {
        return rules;
    }
}
