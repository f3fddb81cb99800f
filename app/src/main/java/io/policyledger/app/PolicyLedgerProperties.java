package io.policyledger.app;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dataDir              where the service keeps its files (the embedded database among them)
 * @param readYourWritesTimeout how long a write waits for the read model to show it before answering
 * @param maxBodyBytes         largest request body accepted (larger: 413)
 */
@ConfigurationProperties("policy-ledger")
public record PolicyLedgerProperties(Path dataDir, Duration readYourWritesTimeout, Integer maxBodyBytes) {

    public PolicyLedgerProperties {
        dataDir = (dataDir == null ? Path.of("data") : dataDir).toAbsolutePath().normalize();
        readYourWritesTimeout = readYourWritesTimeout == null ? Duration.ofSeconds(15) : readYourWritesTimeout;
        maxBodyBytes = maxBodyBytes == null ? 1024 * 1024 : maxBodyBytes;
    }
}
