package io.policyledger.app.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * The gauges read from the database: each projection's lag (events, seconds), a running rebuild's
 * progress (0 to 1; absent between rebuilds), and whether the last verification of the log's hash chain
 * found it intact (1), altered (0), or has not run since this instance started (absent).
 */
@Component
class ServiceMetrics implements MeterBinder {

    private final ProjectionLag lag;
    private final ChainStatus chain;

    ServiceMetrics(ProjectionLag lag, ChainStatus chain) {
        this.lag = lag;
        this.chain = chain;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String projection : ProjectionLag.PROJECTIONS) {
            Gauge.builder(
                            "policyledger.projection.lag.events",
                            lag,
                            l -> l.now().events().getOrDefault(projection, -1L).doubleValue())
                    .tag("projection", projection)
                    .description("events stored but not yet applied by the projection")
                    .register(registry);
            Gauge.builder(
                            "policyledger.projection.lag",
                            lag,
                            l -> l.now().seconds().getOrDefault(projection, Double.NaN))
                    .tag("projection", projection)
                    .baseUnit("seconds")
                    .description("age of the oldest event the projection has not applied (0: caught up)")
                    .register(registry);
        }
        Gauge.builder("policyledger.rebuild.progress", lag, l -> l.now().rebuildProgress())
                .description("share of the log a running read-model rebuild has replayed")
                .register(registry);
        Gauge.builder("policyledger.chain.intact", chain, ChainStatus::intact)
                .description("1 if the last verification found the event log's hash chain intact, 0 if not")
                .register(registry);
    }
}
