package io.policyledger.core.pod;

public record PodIP(String ip) {}
