-- Security hardening of issue 3 (command-side lookup tables, written in the command's transaction).

-- Which pod holds each address: an address belongs to at most one pod, so no pod can claim another's
-- address and have policies meant for it applied to someone else's traffic.
CREATE TABLE pod_address (
    address   TEXT PRIMARY KEY,
    namespace TEXT NOT NULL,
    name      TEXT NOT NULL
);

CREATE INDEX pod_address_pod ON pod_address (namespace, name);

-- Namespace names (exact, or a prefix ending in *) only the platform admin may create, from the
-- cluster settings: selectors on kubernetes.io/metadata.name can then trust those names.
CREATE TABLE reserved_namespace_name (
    pattern TEXT PRIMARY KEY
);
