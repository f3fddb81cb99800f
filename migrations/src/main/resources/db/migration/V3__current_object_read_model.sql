-- Read model "current-objects": the present state of every Namespace, Pod and NetworkPolicy, as the
-- API serves them. Disposable: rebuilt from domain_event_entry by replaying the log.

CREATE TABLE current_object (
    kind               TEXT        NOT NULL,
    namespace          TEXT        NOT NULL, -- '' for cluster-scoped kinds
    name               TEXT        NOT NULL,
    uid                TEXT        NOT NULL,
    resource_version   BIGINT      NOT NULL, -- global_index of the object's last event
    generation         BIGINT      NOT NULL,
    creation_timestamp TIMESTAMPTZ NOT NULL,
    labels             JSONB       NOT NULL,
    annotations        JSONB       NOT NULL,
    spec               JSONB,
    status             JSONB,
    PRIMARY KEY (kind, namespace, name)
);

CREATE INDEX current_object_labels ON current_object USING GIN (labels jsonb_path_ops);

-- How far each projection has read the log (global_index of the last event it applied), written in the
-- same transaction as the rows it describes; lists report it as their resourceVersion.
CREATE TABLE projection_position (
    projection TEXT   PRIMARY KEY,
    position   BIGINT NOT NULL
);
