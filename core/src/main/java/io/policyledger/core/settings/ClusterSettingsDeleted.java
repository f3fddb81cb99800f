package io.policyledger.core.settings;

public record ClusterSettingsDeleted(String name, String uid) {}
