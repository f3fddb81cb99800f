package io.policyledger.query.watch;

import io.policyledger.query.objects.StoredObject;

/**
 * One change of one object, as a watch reports it: the object after the change (for a deletion, as it
 * last was, at the deletion's revision).
 */
public record ObjectChange(Type type, StoredObject object, long revision) {

    public enum Type {
        ADDED, MODIFIED, DELETED
    }
}
