-- Command-side lookup table: which namespaces exist and how many objects each holds. Written in the
-- same transaction as the events of the command, so "a pod needs an existing namespace" and "only an
-- empty namespace may be deleted" hold even with several instances writing at once (row locks).

CREATE TABLE namespace_occupancy (
    namespace    TEXT   PRIMARY KEY,
    object_count BIGINT NOT NULL DEFAULT 0 CHECK (object_count >= 0)
);
