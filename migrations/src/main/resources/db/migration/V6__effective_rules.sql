-- Read model "effective-rules": each pod's computed rules and the peer sets they refer to, kept by the
-- projection of that name. Disposable like every read model: rebuilt by replaying the log.

-- What the projection has applied, in the form its engine takes (namespaces, pods, policies), so that an
-- instance taking the projection over rebuilds the engine from here instead of replaying the log.
CREATE TABLE effective_input (
    kind      TEXT  NOT NULL, -- NAMESPACE, POD, NETWORK_POLICY, ALPHA_NETWORK_POLICY
    namespace TEXT  NOT NULL, -- '' for namespaces
    name      TEXT  NOT NULL,
    document  JSONB NOT NULL,
    PRIMARY KEY (kind, namespace, name)
);

-- One row per pod: isolation and allow-lists per direction (peer sets by id), as of `revision`.
CREATE TABLE effective_rule_set (
    namespace TEXT   NOT NULL,
    pod       TEXT   NOT NULL,
    node      TEXT,
    rules     JSONB  NOT NULL,
    revision  BIGINT NOT NULL, -- global_index of the last event that changed this row
    PRIMARY KEY (namespace, pod)
);

CREATE INDEX effective_rule_set_node ON effective_rule_set (node);

-- A set of peer pods some rule refers to (a pod selector in a namespace, or across the namespaces a
-- namespace selector matches); members are kept by change, not rewritten whole.
CREATE TABLE effective_peer_set (
    id         TEXT   PRIMARY KEY,
    definition TEXT   NOT NULL,
    revision   BIGINT NOT NULL
);

CREATE TABLE effective_peer_set_member (
    peer_set_id TEXT NOT NULL REFERENCES effective_peer_set (id) ON DELETE CASCADE,
    namespace   TEXT NOT NULL,
    pod         TEXT NOT NULL,
    PRIMARY KEY (peer_set_id, namespace, pod)
);

CREATE INDEX effective_peer_set_member_pod ON effective_peer_set_member (namespace, pod);
