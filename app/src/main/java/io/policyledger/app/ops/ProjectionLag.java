package io.policyledger.app.ops;

import io.policyledger.eventstore.EventLog;
import io.policyledger.query.projection.ReadModels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far each projection is behind the log, in events and in seconds (the age of the oldest event it has
 * not applied), and how far a running rebuild has got: read from the database at most once a second, so
 * that a scrape, a readiness probe and both at once cost a few indexed queries.
 */
@Component
public class ProjectionLag {

    static final List<String> PROJECTIONS = ReadModels.names();
    private static final Duration FRESH = Duration.ofSeconds(1);
    /** A failed reading is kept longer: every gauge of a scrape, and the probes, answer from it at once. */
    private static final Duration FRESH_FAILURE = Duration.ofSeconds(5);

    /** One reading; {@code readable} false when the database did not answer. */
    public record Reading(
            Instant at,
            boolean readable,
            Map<String, Long> events,
            Map<String, Double> seconds,
            double rebuildProgress) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Reading last;

    ProjectionLag(JdbcTemplate jdbc, Clock clock) {
        // Its own template with a statement timeout: a database that hangs rather than refuses must not hold
        // a probe (or the threads queued behind it) longer than the connection timeout does.
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setQueryTimeout(2);
        this.clock = clock;
    }

    public Reading now() {
        Reading r = last;
        if (fresh(r)) {
            return r;
        }
        synchronized (this) {
            r = last;
            if (fresh(r)) {
                return r;
            }
            Reading read = read();
            last = new Reading(clock.instant(), read.readable(), read.events(), read.seconds(), read.rebuildProgress());
            return last;
        }
    }

    private boolean fresh(Reading r) {
        return r != null
                && Duration.between(r.at(), clock.instant()).compareTo(r.readable() ? FRESH : FRESH_FAILURE) < 0;
    }

    private Reading read() {
        Instant now = clock.instant();
        try {
            EventLog log = new EventLog(jdbc);
            long head = log.head();
            Map<String, Long> events = new LinkedHashMap<>();
            Map<String, Double> seconds = new LinkedHashMap<>();
            for (String projection : PROJECTIONS) {
                List<Long> found = jdbc.queryForList(
                        "SELECT position FROM projection_position WHERE projection = ?", Long.class, projection);
                long position = found.isEmpty() ? 0 : found.get(0);
                // Events, not revisions: after a restore's jump the difference of the two is a billion.
                long behind = log.eventsBetween(position, head);
                events.put(projection, behind);
                double age = 0;
                if (behind > 0) {
                    List<String> oldest = jdbc.queryForList(
                            "SELECT time_stamp FROM domain_event_entry "
                                    + "WHERE global_index > ? ORDER BY global_index LIMIT 1",
                            String.class,
                            position);
                    if (!oldest.isEmpty()) {
                        age = Math.max(
                                0,
                                Duration.between(Instant.parse(oldest.get(0)), now)
                                                .toMillis()
                                        / 1000.0);
                    }
                }
                seconds.put(projection, age);
            }
            List<Double> rebuild = jdbc.queryForList(
                    "SELECT CASE WHEN events_total > 0 THEN events_done::float8 / "
                            + "events_total ELSE 0 END FROM projection_rebuild WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1",
                    Double.class);
            return new Reading(now, true, events, seconds, rebuild.isEmpty() ? Double.NaN : rebuild.get(0));
        } catch (RuntimeException e) {
            return new Reading(now, false, Map.of(), Map.of(), Double.NaN);
        }
    }
}
