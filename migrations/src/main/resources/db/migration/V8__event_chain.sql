-- Tamper evidence: a hash chain over the event log in global order, kept by the database as events are
-- stored (a trigger in the appending transaction), and checkpoints of its head signed by the server.
--
--   link(N) = sha256(link(previous event) || event N's global index, identity, stream, sequence, type,
--                    timestamp, payload type and revision, payload, metadata)      (genesis: 32 zero bytes)
--
-- Each variable-length field is preceded by its length (-1: null), so no two events hash alike by
-- shifting bytes between fields. An event edited, deleted or moved after it was stored no longer matches
-- its link; a chain recomputed by whoever edited it no longer matches the signed checkpoints, which the
-- database cannot forge (the key is the server's). EventChain in event-store recomputes the same bytes.

CREATE TABLE event_chain (
    global_index BIGINT PRIMARY KEY,
    link         BYTEA  NOT NULL
);

CREATE TABLE event_chain_checkpoint (
    global_index BIGINT      PRIMARY KEY,
    link         BYTEA       NOT NULL,
    algorithm    TEXT        NOT NULL, -- e.g. SHA256withRSA
    key_id       TEXT        NOT NULL,
    signature    BYTEA       NOT NULL,
    signed_at    TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION event_chain_field(value BYTEA) RETURNS BYTEA LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN int4send(-1) ELSE int4send(length(value)) || value END
$$;

CREATE FUNCTION event_chain_link(previous BYTEA, e domain_event_entry) RETURNS BYTEA LANGUAGE sql IMMUTABLE AS $$
    SELECT sha256(previous
        || int8send(e.global_index)
        || event_chain_field(convert_to(e.event_identifier, 'UTF8'))
        || event_chain_field(convert_to(e.aggregate_identifier, 'UTF8'))
        || int8send(e.sequence_number)
        || event_chain_field(convert_to(e.type, 'UTF8'))
        || event_chain_field(convert_to(e.time_stamp, 'UTF8'))
        || event_chain_field(convert_to(e.payload_type, 'UTF8'))
        || event_chain_field(convert_to(e.payload_revision, 'UTF8'))
        || event_chain_field(e.payload)
        || event_chain_field(e.meta_data))
$$;

-- Appends are already serialized by the writer's advisory lock (CommitOrderedAppend, same key); taking it
-- here too keeps the chain in index order whoever inserts.
CREATE FUNCTION event_chain_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous BYTEA;
BEGIN
    PERFORM pg_advisory_xact_lock(1886154599);
    SELECT link INTO previous FROM event_chain ORDER BY global_index DESC LIMIT 1;
    INSERT INTO event_chain (global_index, link)
    VALUES (NEW.global_index, event_chain_link(coalesce(previous, decode(repeat('00', 32), 'hex')), NEW));
    RETURN NULL;
END
$$;

CREATE TRIGGER event_chain_append AFTER INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION event_chain_append();

-- Events stored before this migration are linked now, in order: the chain attests them from here on.
DO $$
DECLARE
    e domain_event_entry;
    previous BYTEA := decode(repeat('00', 32), 'hex');
BEGIN
    FOR e IN SELECT * FROM domain_event_entry ORDER BY global_index LOOP
        previous := event_chain_link(previous, e);
        INSERT INTO event_chain (global_index, link) VALUES (e.global_index, previous);
    END LOOP;
END
$$;
