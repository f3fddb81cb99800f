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
 * A token bucket per credential for writes (POST, PUT, PATCH, DELETE): a burst, then a sustained rate.
 * Beyond it the write is refused with 429 and a Retry-After saying when one token will be back. The
 * buckets live in each instance's memory: with N instances a credential gets up to N times the rate.
 */
final class WriteRateLimiter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final double perSecond;
    private final int burst;
    private final Clock clock;
    private final StatusResponses responses;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    WriteRateLimiter(SecurityProperties security, Clock clock, StatusResponses responses) {
        this.perSecond = security.writesPerSecond();
        this.burst = security.writeBurst();
        this.clock = clock;
        this.responses = responses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (WRITES.contains(request.getMethod()) && auth instanceof CallerAuthentication caller) {
            long now = clock.millis();
            if (buckets.size() > MAX_BUCKETS) {
                forgetFullBuckets(now);
            }
            long waitMillis = buckets.computeIfAbsent(caller.tokenId(), k -> new Bucket(burst, now))
                    .take(now, perSecond, burst);
            if (waitMillis > 0) {
                long seconds = Math.max(1, (waitMillis + 999) / 1000);
                response.setHeader("Retry-After", Long.toString(seconds));
                StatusResponses.logDenial(request, 429, "write rate limit");
                responses.write(response, Status.failure(429, "TooManyRequests", "too many writes from credential \""
                        + caller.getName() + "\": at most " + burst + " at once and " + perSecond
                        + " per second; retry after " + seconds + " s", null));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Past this many credentials, buckets that have refilled completely are dropped (they hold no state). */
    private static final int MAX_BUCKETS = 10_000;

    private void forgetFullBuckets(long now) {
        buckets.values().removeIf(b -> b.isFullAt(now, perSecond, burst));
    }

    private static final class Bucket {

        private double tokens;
        private long lastMillis;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastMillis = now;
        }

        synchronized boolean isFullAt(long now, double perSecond, int burst) {
            return tokens + (now - lastMillis) * perSecond / 1000.0 >= burst;
        }

        /** Takes one token; answers 0, or how long until one is available (nothing taken then). */
        synchronized long take(long now, double perSecond, int burst) {
            tokens = Math.min(burst, tokens + (now - lastMillis) * perSecond / 1000.0);
            lastMillis = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * 1000.0 / perSecond);
        }
    }
}
