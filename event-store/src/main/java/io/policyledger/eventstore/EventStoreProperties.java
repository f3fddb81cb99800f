package io.policyledger.eventstore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param fetchDelay how long an idle tailing reader waits before polling PostgreSQL again. Writes made
 *                   by this instance wake readers at once; this bounds how late another instance's writes
 *                   are seen.
 * @param batchSize  events read per query when catching up
 */
@ConfigurationProperties("policy-ledger.event-store")
public record EventStoreProperties(Duration fetchDelay, Integer batchSize) {

    public EventStoreProperties {
        fetchDelay = fetchDelay == null ? Duration.ofMillis(25) : fetchDelay;
        batchSize = batchSize == null ? 500 : batchSize;
    }
}
