-- Snapshots for time travel: the objects and the policy engine's inputs as they were at a revision,
-- taken every so many events, so that an answer "as of revision N" starts from the nearest snapshot at
-- or before N and replays only the events after it. Derived from the log like any read model: deleting
-- them loses nothing but speed.
CREATE TABLE history_snapshot (
    revision BIGINT      PRIMARY KEY, -- the last event the state includes (global_index)
    format   INT         NOT NULL,    -- the state's form; other forms are ignored and taken anew
    taken_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    objects  INT         NOT NULL,    -- how many objects the state holds (for operators)
    state    BYTEA       NOT NULL     -- gzip of the state as JSON, with earlier events then still missing
);
