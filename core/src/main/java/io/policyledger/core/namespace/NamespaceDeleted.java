package io.policyledger.core.namespace;

public record NamespaceDeleted(String name, String uid) {}
