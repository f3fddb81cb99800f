package io.policyledger.query.watch;

import io.policyledger.core.object.Kind;
import io.policyledger.query.objects.ObjectsAt;

/**
 * The objects of one kind as one watch has seen them, up to {@link #revision()}: its own copy, advanced
 * event by event, so every change can be shown with the whole object as it then was.
 */
public final class WatchedObjects {

    private final Kind kind;
    private final ObjectsAt objects;
    private long revision;

    WatchedObjects(Kind kind, ObjectsAt objects, long revision) {
        this.kind = kind;
        this.objects = objects;
        this.revision = revision;
    }

    public Kind kind() {
        return kind;
    }

    public long revision() {
        return revision;
    }

    /** The objects at {@link #revision()} (with the namespaces, for ownership as it was then). */
    public ObjectsAt objects() {
        return objects;
    }

    /** The watched kind's objects at {@link #revision()}, for a watch's opening events. */
    public java.util.List<io.policyledger.query.objects.StoredObject> watched() {
        return objects.all().stream().filter(o -> o.key().kind() == kind).toList();
    }

    void advancedTo(long revision) {
        this.revision = revision;
    }
}
