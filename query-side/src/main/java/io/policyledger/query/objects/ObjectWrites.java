package io.policyledger.query.objects;

import io.policyledger.core.object.ObjectKey;
import java.time.Instant;
import java.util.Map;

/**
 * What an event does to the objects, as writes: kept by the current-objects table for the present and
 * by {@link ObjectsAt} for a past revision, so both are built by the same {@link ObjectChanges}.
 * Each write carries the event's revision and is ignored for an object already at that revision or later.
 */
public interface ObjectWrites {

    void create(
            ObjectKey key,
            String uid,
            long resourceVersion,
            long generation,
            Instant created,
            Map<String, String> labels,
            Map<String, String> annotations,
            Object spec,
            Object status);

    void update(
            ObjectKey key,
            long resourceVersion,
            long generation,
            Map<String, String> labels,
            Map<String, String> annotations,
            Object spec,
            Object status);

    void updateMetadata(
            ObjectKey key, long resourceVersion, Map<String, String> labels, Map<String, String> annotations);

    void delete(ObjectKey key, long resourceVersion);
}
