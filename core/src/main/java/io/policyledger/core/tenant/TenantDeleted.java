package io.policyledger.core.tenant;

public record TenantDeleted(String name, String uid) {}
