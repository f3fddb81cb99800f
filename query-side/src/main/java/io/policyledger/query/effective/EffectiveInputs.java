package io.policyledger.query.effective;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.policyledger.core.engine.PolicyEngine;
import io.policyledger.query.batch.BatchWrites;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The effective-rules projection's own copy of its inputs ({@code effective_input}), written in the
 * projection's transaction: whoever runs the projection next (this instance after a restart, or
 * another one taking it over) loads its engine from here, at exactly the projection's position, instead
 * of replaying the log. Also what "what if" questions start from.
 */
@Component
public class EffectiveInputs {

    private final JdbcTemplate jdbc;
    private final String batchKey = BatchWrites.ownerKey();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    EffectiveInputs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An input's row as the batch leaves it: its document, or null if its object went. */
    private record Row(String kind, String namespace, String name) {}

    /**
     * Keeps an input the engine took: its object's row becomes it, or goes if the object went (written when
     * the projection's batch commits, once per object; the engine in memory already holds it).
     */
    void record(EngineInput input) {
        String document;
        try {
            document = input instanceof EngineInput.Removed ? null : json.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot store input " + input.kind() + " " + input.namespace() + "/" + input.name(), e);
        }
        Row row = new Row(input.kind(), input.namespace(), input.name());
        Map<Row, String> pending = BatchWrites.pending(batchKey, LinkedHashMap::new, this::flush);
        if (pending != null) {
            pending.put(row, document);
        } else {
            Map<Row, String> now = new HashMap<>();
            now.put(row, document);
            flush(now);
        }
    }

    private void flush(Map<Row, String> pending) {
        List<Object[]> upserts = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        pending.forEach((row, document) -> {
            if (document == null) {
                deletes.add(new Object[] {row.kind(), row.namespace(), row.name()});
            } else {
                upserts.add(new Object[] {row.kind(), row.namespace(), row.name(), document});
            }
        });
        pending.clear();
        jdbc.batchUpdate("""
                INSERT INTO effective_input (kind, namespace, name, document) VALUES (?, ?, ?, ?::jsonb)
                ON CONFLICT (kind, namespace, name) DO UPDATE SET document = EXCLUDED.document
                """, upserts);
        jdbc.batchUpdate("DELETE FROM effective_input WHERE kind = ? AND namespace = ? AND name = ?", deletes);
    }

    void deleteAll() {
        jdbc.update("DELETE FROM effective_input");
    }

    /** A new engine holding every stored input, flushed (its output is what the store already holds). */
    public PolicyEngine load() {
        PolicyEngine engine = new PolicyEngine();
        RowCallbackHandler apply =
                rs -> read(rs.getString("kind"), rs.getString("document")).applyTo(engine);
        jdbc.query("SELECT kind, document FROM effective_input ORDER BY kind", apply);
        engine.flush();
        return engine;
    }

    /** A stored row as the input it keeps. */
    EngineInput read(String kind, String document) {
        try {
            return json.readValue(document, EngineInput.typeOf(kind));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored input of kind " + kind, e);
        }
    }
}
