package io.policyledger.query.projection;

import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A projection as the rest of the service needs to know it: its processor's name, the tables it keeps
 * (parents before children), and its event handlers writing to the same tables in another schema (what a
 * rebuild replays into). Each projection declares its own; {@link ReadModels#ALL} lists them, so the
 * rebuild, the lag metrics and the health derive their lists instead of repeating them.
 *
 * @param writingTo the projection's handlers over the tables {@code jdbc} reaches (a rebuild's schema)
 */
public record ReadModel(String name, List<Table> tables, Function<JdbcTemplate, Object> writingTo) {

    /**
     * @param compared the columns compared between live and rebuilt rows ({@code *}: all), or null: not
     *                 compared (revision stamps of the effective rules are batch boundaries, which differ
     *                 between two replays of the same log; what they stamp is compared)
     * @param switched whether a rebuild's rows replace the live ones
     */
    public record Table(String name, String compared, boolean switched) {}

    public ReadModel {
        tables = List.copyOf(tables);
    }
}
