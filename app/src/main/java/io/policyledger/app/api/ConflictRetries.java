package io.policyledger.app.api;

import io.policyledger.app.PolicyLedgerProperties;
import io.policyledger.command.write.ObjectWriter;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.query.objects.StoredObject;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Writes computed from an object's current state (replace, patch, apply), run once the read model shows
 * the object's newest event. Without a client precondition, a conflict (another write slipped in between)
 * is absorbed by reading and computing again, with a growing pause, until the read-your-writes timeout,
 * as the Kubernetes API server does; with one, the conflict is the client's to see.
 */
@Component
class ConflictRetries {

    private final ObjectWriter writer;
    private final ReadYourWrites readYourWrites;
    private final ObjectReads reads;
    private final PolicyLedgerProperties properties;

    ConflictRetries(
            ObjectWriter writer, ReadYourWrites readYourWrites, ObjectReads reads, PolicyLedgerProperties properties) {
        this.writer = writer;
        this.readYourWrites = readYourWrites;
        this.reads = reads;
        this.properties = properties;
    }

    <T> T againstCurrent(ObjectKey key, boolean clientPrecondition, Function<StoredObject, T> write) {
        long deadline = System.nanoTime() + properties.readYourWritesTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            writer.latestResourceVersion(key).ifPresent(readYourWrites::awaitRevision);
            StoredObject current = reads.visible(key);
            try {
                return write.apply(current);
            } catch (ObjectConflictException conflict) {
                if (clientPrecondition || System.nanoTime() > deadline) {
                    throw conflict;
                }
                backOff(attempt);
            }
        }
    }

    /**
     * A short, growing, jittered pause before computing again, so that writers contending for one object
     * (possibly from several instances) take turns instead of colliding again in lockstep.
     */
    private static void backOff(int attempt) {
        long maxMillis = Math.min(50, 2L << Math.min(attempt, 5));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.timeout("interrupted while re-applying a write to the current object");
        }
    }
}
