package io.policyledger.core.token;

public record TokenRevoked(String id, String tenant) {}
