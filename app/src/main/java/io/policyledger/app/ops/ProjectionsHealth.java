package io.policyledger.app.ops;

import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness: the projections are within {@code policy-ledger.readiness.max-projection-lag} (default 30 s)
 * of the log. Further behind, reads would wait for them (read-your-writes) or answer an old state, so a
 * load balancer should send requests elsewhere until they catch up.
 */
@Component("projections")
class ProjectionsHealth implements HealthIndicator {

    private final ProjectionLag lag;
    private final Duration maxLag;

    ProjectionsHealth(ProjectionLag lag, @Value("${policy-ledger.readiness.max-projection-lag:30s}") Duration maxLag) {
        this.lag = lag;
        this.maxLag = maxLag;
    }

    @Override
    public Health health() {
        ProjectionLag.Reading reading = lag.now();
        if (!reading.readable()) {
            return Health.down()
                    .withDetail("reason", "the database did not answer")
                    .build();
        }
        boolean behind = reading.seconds().values().stream().anyMatch(s -> s > maxLag.toSeconds());
        Health.Builder health = behind ? Health.down() : Health.up();
        for (Map.Entry<String, Long> e : reading.events().entrySet()) {
            health.withDetail(
                    e.getKey(),
                    Map.of(
                            "eventsBehind",
                            e.getValue(),
                            "secondsBehind",
                            reading.seconds().get(e.getKey())));
        }
        return health.build();
    }
}
