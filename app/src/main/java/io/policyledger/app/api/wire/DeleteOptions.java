package io.policyledger.app.api.wire;

import java.util.List;

/**
 * The optional body of a DELETE. Only {@code preconditions} has an effect here (objects are deleted at
 * once, with nothing to cascade to); the other fields are accepted so standard clients work.
 */
public record DeleteOptions(
        String apiVersion,
        String kind,
        Long gracePeriodSeconds,
        Preconditions preconditions,
        Boolean orphanDependents,
        String propagationPolicy,
        List<String> dryRun) {

    public record Preconditions(String uid, String resourceVersion) {}
}
