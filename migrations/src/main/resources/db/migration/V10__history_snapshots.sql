-- Snapshots for time travel: the objects and the policy engine's inputs as they were at a revision,
-- taken every so many events, so that an answer "as of revision N" starts from the nearest snapshot at
-- or before N and replays only the events after it. Derived from the log like any read model: deleting
-- them loses nothing but speed.
CREATE TABLE history_snapshot (
    revision      BIGINT      PRIMARY KEY, -- the last event the state includes (global_index)
    gaps          BIGINT[]    NOT NULL,    -- earlier events not stored yet when it was taken
    format        INT         NOT NULL,    -- the state's form; other forms are ignored and taken anew
    taken_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    objects       INT         NOT NULL,    -- how many objects the state holds (for operators)
    objects_state BYTEA       NOT NULL,    -- gzip of the objects as JSON (what object reads answer from)
    inputs_state  BYTEA       NOT NULL     -- gzip of the engine's inputs as JSON (what rules are built from)
);
