-- Read model "audit-trail": one row per stored event saying who did what to which object, and to which
-- tenant the object belonged then, so that audit queries filter by tenant, namespace, actor, kind, type
-- and time without parsing every payload. The change itself stays in domain_event_entry (joined by
-- revision). Disposable like every read model.
CREATE TABLE audit_event (
    revision     BIGINT      PRIMARY KEY, -- domain_event_entry.global_index
    time         TIMESTAMPTZ NOT NULL,    -- when the server accepted the request
    actor        TEXT        NOT NULL,
    role         TEXT        NOT NULL,
    actor_tenant TEXT,
    request_id   TEXT,
    source       TEXT,
    type         TEXT        NOT NULL,    -- the event's type, e.g. PodUpdated
    kind         TEXT,                    -- the object's kind, namespace and name
    namespace    TEXT,
    name         TEXT,
    tenant       TEXT                     -- whose object it was then (null: the cluster's)
);

CREATE INDEX audit_event_tenant ON audit_event (tenant, revision);
CREATE INDEX audit_event_namespace ON audit_event (namespace, revision);
CREATE INDEX audit_event_actor ON audit_event (actor, revision);
CREATE INDEX audit_event_time ON audit_event (time);

-- Which tenant each existing namespace belongs to, as the projection goes.
CREATE TABLE audit_namespace_owner (
    namespace TEXT PRIMARY KEY,
    tenant    TEXT NOT NULL
);
