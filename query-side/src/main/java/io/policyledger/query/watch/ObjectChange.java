package io.policyledger.query.watch;

import io.policyledger.query.objects.StoredObject;

/**
 * One change of one object, as a watch reports it: the object after the change (for a deletion, as it
 * last was, at the deletion's revision), and the tenant that owned its namespace at that moment (null
 * for cluster-scoped objects), by which a tenant's watch decides whether the change is its to see.
 */
public record ObjectChange(Type type, StoredObject object, long revision, String namespaceOwner) {

    public enum Type {
        ADDED,
        MODIFIED,
        DELETED
    }
}
