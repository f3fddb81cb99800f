package io.policyledger.core.pod;

public record PodDeleted(String namespace, String name, String uid) {}
