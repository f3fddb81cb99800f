package io.policyledger.command.write;

import io.policyledger.core.object.ObjectKey;

/**
 * The outcome of an accepted command.
 *
 * @param version         sequence number of the object's last event (its stream version)
 * @param resourceVersion global index of that event: the object's {@code metadata.resourceVersion}
 */
public record Written(ObjectKey key, long version, long resourceVersion) {}
