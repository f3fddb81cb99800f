package io.policyledger.query.rebuild;

/** One rebuild's names: its tables' schema and the owner its held claims carry, and whether it holds them. */
final class RebuildRun {

    final long id;
    final String schema;
    final String owner;
    volatile boolean holding;
    /** Set when a renewal found a claim no longer held: the rebuild then stops before switching. */
    volatile String lost;

    RebuildRun(long id) {
        this.id = id;
        this.schema = ProjectionRebuild.SCHEMA_PREFIX + id;
        this.owner = ProjectionRebuild.OWNER_PREFIX + id;
    }
}
