package io.policyledger.query.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.query.projection.ReadModel.Table;
import io.policyledger.query.projection.ReadModels;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Live and rebuilt read models side by side: per table, the rows only one of them holds. */
final class TableComparison {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    TableComparison(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Per compared table: how many rows only the live or only the rebuilt tables hold, with examples. */
    ObjectNode compare(RebuildRun rebuild) {
        ObjectNode out = json.createObjectNode();
        for (Table t : ReadModels.tables()) {
            if (t.compared() == null) {
                continue;
            }
            String live = "SELECT " + t.compared() + " FROM public." + t.name();
            String rebuilt = "SELECT " + t.compared() + " FROM " + rebuild.schema + "." + t.name();
            ObjectNode table = out.putObject(t.name());
            table.put("onlyLive", count(live + " EXCEPT ALL " + rebuilt));
            table.put("onlyRebuilt", count(rebuilt + " EXCEPT ALL " + live));
            ArrayNode examples = table.putArray("examples");
            jdbc.queryForList(
                            "SELECT 'live: ' || row_to_json(d)::text FROM (" + live + " EXCEPT ALL " + rebuilt
                                    + ") d LIMIT 3",
                            String.class)
                    .forEach(examples::add);
            jdbc.queryForList(
                            "SELECT 'rebuilt: ' || row_to_json(d)::text FROM (" + rebuilt + " EXCEPT ALL " + live
                                    + ") d LIMIT 3",
                            String.class)
                    .forEach(examples::add);
        }
        return out;
    }

    private long count(String query) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM (" + query + ") d", Long.class);
        return n == null ? 0 : n;
    }

    static String summary(ObjectNode differences) {
        List<String> differing = new ArrayList<>();
        differences.fields().forEachRemaining(e -> {
            long live = e.getValue().path("onlyLive").asLong();
            long rebuilt = e.getValue().path("onlyRebuilt").asLong();
            if (live + rebuilt > 0) {
                differing.add(e.getKey() + " (" + live + " rows only live, " + rebuilt + " only rebuilt)");
            }
        });
        return differing.isEmpty()
                ? "the rebuilt read models equal the live ones"
                : "differences in " + String.join(", ", differing);
    }
}
