package io.policyledger.app.security;

import io.policyledger.app.api.Status;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token buckets per credential: one for writes (POST, PUT, PATCH, DELETE), and one, much larger, for
 * connectivity checks (a POST that only reads: a reachability sweep asks thousands of questions and
 * changes nothing). Other reads are not limited. Beyond a budget the request is refused with 429 and a
 * Retry-After saying when one token will be back. The buckets live in each instance's memory: with N
 * instances a credential gets up to N times the rate.
 */
final class RequestRateLimiter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final String CHECKS_PATH = "/apis/policyledger.io/v1/connectivitychecks";

    /** A sustained rate and a burst, with the words a refusal uses. */
    private record Budget(String name, double perSecond, int burst) {}

    private final Budget writes;
    private final Budget checks;
    private final Clock clock;
    private final StatusResponses responses;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RequestRateLimiter(
            SecurityProperties security,
            Clock clock,
            StatusResponses responses,
            io.micrometer.core.instrument.MeterRegistry registry) {
        this.writes = new Budget("writes", security.writesPerSecond(), security.writeBurst());
        this.checks = new Budget("connectivity checks", security.checksPerSecond(), security.checkBurst());
        this.clock = clock;
        this.responses = responses;
        this.refusals = budget -> io.micrometer.core.instrument.Counter.builder("policyledger.ratelimit.refusals")
                .description("requests refused with 429 by a rate limit")
                .tag("budget", budget)
                .register(registry);
    }

    private final java.util.function.Function<String, io.micrometer.core.instrument.Counter> refusals;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Budget budget = budgetOf(request);
        if (budget != null && auth instanceof CallerAuthentication caller) {
            long now = clock.millis();
            if (buckets.size() > MAX_BUCKETS) {
                forgetFullBuckets(now);
            }
            long waitMillis = buckets.computeIfAbsent(
                            budget.name() + ":" + caller.tokenId(), k -> new Bucket(budget, now))
                    .take(now);
            if (waitMillis > 0) {
                long seconds = Math.max(1, (waitMillis + 999) / 1000);
                response.setHeader("Retry-After", Long.toString(seconds));
                StatusResponses.logDenial(request, 429, budget.name() + " rate limit");
                refusals.apply(budget.name()).increment();
                responses.write(
                        response,
                        Status.failure(
                                429,
                                "TooManyRequests",
                                "too many " + budget.name()
                                        + " from credential \"" + caller.getName() + "\": at most " + budget.burst()
                                        + " at once and "
                                        + budget.perSecond() + " per second; retry after " + seconds + " s",
                                null));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private Budget budgetOf(HttpServletRequest request) {
        if (!WRITES.contains(request.getMethod())) {
            return null;
        }
        // A sweep (connectivitymatrices) loads every rule and evaluates up to thousands of cells: it is
        // charged like a write or an impact preview, not like one check.
        return CHECKS_PATH.equals(request.getRequestURI()) ? checks : writes;
    }

    /** Past this many buckets, those that have refilled completely are dropped (they hold no state). */
    private static final int MAX_BUCKETS = 10_000;

    private void forgetFullBuckets(long now) {
        buckets.values().removeIf(b -> b.isFullAt(now));
    }

    private static final class Bucket {

        private final Budget budget;
        private double tokens;
        private long lastMillis;

        Bucket(Budget budget, long now) {
            this.budget = budget;
            this.tokens = budget.burst();
            this.lastMillis = now;
        }

        synchronized boolean isFullAt(long now) {
            return tokens + (now - lastMillis) * budget.perSecond() / 1000.0 >= budget.burst();
        }

        /** Takes one token; answers 0, or how long until one is available (nothing taken then). */
        synchronized long take(long now) {
            tokens = Math.min(budget.burst(), tokens + (now - lastMillis) * budget.perSecond() / 1000.0);
            lastMillis = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * 1000.0 / budget.perSecond());
        }
    }
}
