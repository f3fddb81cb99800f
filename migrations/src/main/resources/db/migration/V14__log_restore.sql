-- Restores from a dump of the event log alone (README, "Backups"). The dump holds domain_event_entry and
-- event_chain_checkpoint; everything else is derived from them. `prepare-restore` creates the schema in an
-- empty database and records a pending restore here; the dump is then loaded with pg_restore; the next
-- start of the service finishes the restore in one transaction: it links the chain again, derives the
-- command side's lookup tables from the log, and moves the log's next revision far past the restored head.
--
-- Why the jump: clients (agents above all) may hold revisions that the backup does not have, written
-- after it was taken and lost with the database. Were the log to continue right after the restored head,
-- those revisions would name other changes, and an agent resuming from one would silently skip what it
-- never saw. Revisions between restored_head and continues_at exist nowhere: resuming from one answers 410
-- (list again), as etcd's restore does with --bump-revision and --mark-compacted.
CREATE TABLE log_restore (
    id            BIGSERIAL   PRIMARY KEY,
    prepared_at   TIMESTAMPTZ NOT NULL,
    revision_gap  BIGINT      NOT NULL CHECK (revision_gap > 0), -- continues_at - restored_head
    finished_at   TIMESTAMPTZ,
    restored_head BIGINT,      -- the newest revision the dump held
    continues_at  BIGINT,      -- the first revision the log may use after it
    CHECK ((finished_at IS NULL) = (restored_head IS NULL) AND (restored_head IS NULL) = (continues_at IS NULL))
);

CREATE UNIQUE INDEX log_restore_one_pending ON log_restore ((true)) WHERE finished_at IS NULL;

-- The chain recomputed from the events in index order (as V8 first linked it): the trigger links rows as
-- they are loaded, in the dump's order, which need not be the log's.
CREATE FUNCTION event_chain_relink() RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    e domain_event_entry;
    previous BYTEA := decode(repeat('00', 32), 'hex');
    linked BIGINT := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(1886154599);
    DELETE FROM event_chain;
    FOR e IN SELECT * FROM domain_event_entry ORDER BY global_index LOOP
        previous := event_chain_link(previous, e);
        INSERT INTO event_chain (global_index, link) VALUES (e.global_index, previous);
        linked := linked + 1;
    END LOOP;
    RETURN linked;
END
$$;

-- pg_restore (and pg_dump's scripts) run with an empty search_path, under which the chain's trigger did
-- not find its table: the trigger now resolves names in the schema the migrations ran in.
ALTER FUNCTION event_chain_append() SET search_path FROM CURRENT;
ALTER FUNCTION event_chain_relink() SET search_path FROM CURRENT;
