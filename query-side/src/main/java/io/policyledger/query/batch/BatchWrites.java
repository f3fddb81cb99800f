package io.policyledger.query.batch;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The row writes a projection makes while it applies a batch of events, kept until just before the batch's
 * transaction commits and then sent together: coalesced per row (an object changed a hundred times in a
 * batch is written once, as it ends) and in JDBC batches (one round trip per kind of statement, not one
 * per event). Only for rows nothing reads back before the batch ends.
 */
public final class BatchWrites {

    private static final java.util.concurrent.atomic.AtomicLong OWNERS = new java.util.concurrent.atomic.AtomicLong();

    private BatchWrites() {}

    /** A key of its own for an owner of pending writes (a store of the live tables, or of a rebuild's). */
    public static String ownerKey() {
        return BatchWrites.class.getName() + "#" + OWNERS.incrementAndGet();
    }

    /**
     * The pending writes of the owner with {@code ownerKey} ({@link #ownerKey()}) in the current batch, made
     * by {@code create} on first use and handed to {@code flush} before the batch commits; null outside a
     * unit of work (write at once then).
     */
    public static <T> T pending(String ownerKey, Supplier<T> create, Consumer<T> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(ownerKey, key -> {
            T created = create.get();
            batch.onPrepareCommit(u -> flush.accept(created));
            return created;
        });
    }
}
