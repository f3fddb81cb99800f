package io.policyledger.query.rebuild;

import java.util.List;

/**
 * The tables of the rebuilt read models, parents before children (a member row needs its peer set), with
 * what a comparison between live and rebuilt rows looks at and whether the rebuilt rows take over.
 */
final class ReadModelTables {

    private ReadModelTables() {}

    /**
     * @param compared the columns compared between live and rebuilt ({@code *}: all), or null: not compared.
     *                 Revision stamps of the effective rules are batch boundaries, which differ between two
     *                 replays of the same log; what they stamp is compared.
     * @param switched whether the rebuilt rows replace the live ones
     */
    record Table(String name, String compared, boolean switched) {}

    static final List<Table> ALL = List.of(
            new Table("current_object", "*", true),
            new Table("effective_input", "*", true),
            new Table("effective_rule_set", "namespace, pod, node, rules", true),
            new Table("effective_peer_set", "id, definition", true),
            new Table("effective_peer_set_member", "*", true),
            new Table("node_peer_set", "node, peer_set_id, refs", true),
            new Table("node_presence", null, true),
            // The live horizon stays, moved past the switch (the agents' streams relist once).
            new Table("node_stream_horizon", null, false),
            new Table("audit_event", "*", true),
            new Table("audit_namespace_owner", "*", true),
            new Table("projection_position", null, false));
}
