-- Tenancy (issue 3). Command-side lookup tables, each written in the same transaction as the events of
-- the command that changes it, so the rules they back hold under concurrency and across instances.

-- Which tenant owns each namespace: every write to a namespaced object checks it in its transaction.
ALTER TABLE namespace_occupancy ADD COLUMN tenant TEXT;

-- Which tenants exist and how many namespaces each owns (a tenant owning namespaces cannot be deleted).
CREATE TABLE tenant_occupancy (
    tenant          TEXT   PRIMARY KEY,
    namespace_count BIGINT NOT NULL DEFAULT 0 CHECK (namespace_count >= 0)
);

-- Label keys only the platform admin may set, change or remove (from the cluster settings).
CREATE TABLE protected_label_key (
    label_key TEXT PRIMARY KEY
);

-- Every credential the server issued; a bearer token is accepted only while its row says it is live.
-- The token itself is never stored.
CREATE TABLE issued_token (
    token_id   TEXT        PRIMARY KEY,
    role       TEXT        NOT NULL,
    tenant     TEXT,
    subject    TEXT        NOT NULL,
    node       TEXT,
    issued_at  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);

CREATE INDEX issued_token_tenant ON issued_token (tenant);
