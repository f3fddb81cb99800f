-- What the agents' rule stream (nodes/{node}/rules) is served from, kept by the effective-rules projection
-- in its own transaction, so every instance derives the same stream from the same revision.
--
-- A node's stream holds the rule sets of the pods placed on it (effective_rule_set.node) and the peer sets
-- those rule sets refer to. "What changed on node N after revision R" is answered by rows stamped with a
-- revision: rule sets and peer sets by their own revision column, a peer set that newly concerns a node
-- by node_peer_set.since, and what joined or left a node by node_presence.

-- How many of a node's rule sets refer to a peer set, and since when the node needs it.
CREATE TABLE node_peer_set (
    node        TEXT   NOT NULL,
    peer_set_id TEXT   NOT NULL,
    refs        INT    NOT NULL CHECK (refs > 0),
    since       BIGINT NOT NULL,
    PRIMARY KEY (node, peer_set_id)
);

-- When an object (a pod's rules, a peer set) joined (present) or left (not present) a node's stream. A
-- watcher resuming from R is sent DELETED for what is absent now but was present at R (the last entry at
-- or before R), and nothing for what came and went after R; ADDED for what is present now and was not at
-- R. Entries at or below the horizon are compacted to the last one per object (dropped if it says absent).
CREATE TABLE node_presence (
    node      TEXT    NOT NULL,
    kind      TEXT    NOT NULL, -- PodRules, PeerSet
    namespace TEXT    NOT NULL, -- '' for peer sets
    name      TEXT    NOT NULL,
    revision  BIGINT  NOT NULL,
    present   BOOLEAN NOT NULL,
    PRIMARY KEY (node, kind, namespace, name, revision)
);

CREATE INDEX node_presence_node_revision ON node_presence (node, revision);
CREATE INDEX node_presence_revision ON node_presence (revision);

-- Where a watch may resume from. Below `revision`, presence history was compacted. At or below `rebuilt_at`
-- (the log's head when the read model was last rebuilt) revisions were batch boundaries of the old read
-- model, not of the rebuilt one, so rows are stamped differently: those watches relist too, and snapshots
-- wait until the rebuild has passed it. `generation` counts rebuilds: a watch open across one ends (410).
CREATE TABLE node_stream_horizon (
    id         BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    revision   BIGINT  NOT NULL,
    rebuilt_at BIGINT  NOT NULL,
    generation INT     NOT NULL
);
INSERT INTO node_stream_horizon (revision, rebuilt_at, generation)
SELECT 0, coalesce(max(global_index), 0), 1 FROM domain_event_entry;

-- An installation that already has effective rules rebuilds them from the log on its next start (the
-- processor's token goes), so the tables above are filled as if they had always been kept.
DELETE FROM token_entry WHERE processor_name = 'effective-rules';
DELETE FROM projection_position WHERE projection = 'effective-rules';
DELETE FROM effective_rule_set;
DELETE FROM effective_peer_set;
DELETE FROM effective_input;

-- Per watch round: a node's changes after a revision. Per progress of the projection: which nodes changed.
CREATE INDEX effective_rule_set_node_revision ON effective_rule_set (node, revision);
CREATE INDEX effective_rule_set_revision ON effective_rule_set (revision);
CREATE INDEX effective_peer_set_revision ON effective_peer_set (revision);
CREATE INDEX node_peer_set_peer_set ON node_peer_set (peer_set_id);
CREATE INDEX node_peer_set_since ON node_peer_set (since);

-- What each node's agent reports it has enforced. Operational telemetry, not policy: reports arrive every
-- few seconds from every node, and writing them to the event log would bury the changes auditors read.
CREATE TABLE node_status (
    node              TEXT        PRIMARY KEY,
    enforced_revision BIGINT      NOT NULL,
    reported_by       TEXT        NOT NULL,
    last_contact      TIMESTAMPTZ NOT NULL,
    message           TEXT
);
