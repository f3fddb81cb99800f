-- Rebuilds of the read models (current objects, effective rules with the node streams' tables, audit
-- trail): replayed into tables of schema policy_ledger_rebuild beside the live ones, compared with them,
-- then copied over them in one transaction. One row per rebuild, with its progress, so that every
-- instance can answer how far it is; at most one runs at a time.
CREATE TABLE projection_rebuild (
    id                BIGINT           PRIMARY KEY,
    requested_by      TEXT             NOT NULL,
    verify_only       BOOLEAN          NOT NULL,
    phase             TEXT             NOT NULL, -- Replaying, Verifying, Switching, Succeeded, Failed
    started_at        TIMESTAMPTZ      NOT NULL,
    finished_at       TIMESTAMPTZ,
    heartbeat         TIMESTAMPTZ      NOT NULL, -- a running rebuild whose instance died stops beating
    events_done       BIGINT           NOT NULL DEFAULT 0,
    events_total      BIGINT           NOT NULL DEFAULT 0,
    events_per_second DOUBLE PRECISION NOT NULL DEFAULT 0,
    switched_at       BIGINT,                    -- the revision the rebuilt read models took over at
    differences       JSONB,                     -- per table: rows only live, rows only rebuilt, examples
    message           TEXT
);

CREATE UNIQUE INDEX projection_rebuild_one_running ON projection_rebuild ((true)) WHERE finished_at IS NULL;
