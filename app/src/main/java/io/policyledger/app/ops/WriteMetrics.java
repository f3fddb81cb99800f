package io.policyledger.app.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.policyledger.app.api.registry.ApiResources;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code policyledger.writes}: every write (POST, PUT, PATCH, DELETE), timed from the first filter to the
 * answer, by resource, method and status, refusals by authentication, access and rate limits included.
 * The resource is one of the registered ones, or {@code other}: a path a client makes up does not make a
 * new time series.
 */
final class WriteMetrics extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5)
    };

    private final MeterRegistry registry;
    private final Set<String> resources;

    WriteMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.resources = java.util.stream.Stream.concat(
                        ApiResources.all().stream().map(r -> r.plural()),
                        // Routes of their own, not registered resources.
                        java.util.stream.Stream.of(
                                "tokens",
                                "connectivitychecks",
                                "connectivitymatrices",
                                "nodes",
                                "audit",
                                "selfsubjectaccessreviews",
                                "selfsubjectrulesreviews"))
                .collect(Collectors.toSet());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            int status = failed && response.getStatus() < 400 ? 500 : response.getStatus();
            Timer.builder("policyledger.writes")
                    .description("writes, from arrival to answer")
                    .tag(
                            "resource",
                            resourceOf(request.getRequestURI()
                                    .substring(request.getContextPath().length())))
                    .tag("method", request.getMethod())
                    .tag("status", Integer.toString(status))
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** {@code /api/v1/namespaces/x/pods/p} and {@code /apis/g/v/clusternetworkpolicies/c}: the plural after the prefix. */
    String resourceOf(String path) {
        List<String> parts = List.of(path.replaceAll("^/+", "").split("/"));
        int at = parts.size() > 1 && parts.get(0).equals("api")
                ? 2
                : parts.size() > 2 && parts.get(0).equals("apis") ? 3 : -1;
        if (at < 0 || at >= parts.size()) {
            return "other";
        }
        if (parts.get(at).equals("namespaces") && parts.size() > at + 2) {
            at += 2;
        }
        String plural = parts.get(at);
        return resources.contains(plural) ? plural : "other";
    }
}
