package io.policyledger.app.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A policyledger.io/v1 Tenant: a name that namespaces, and credentials, belong to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantObject(String apiVersion, String kind, ObjectMeta metadata) {}
