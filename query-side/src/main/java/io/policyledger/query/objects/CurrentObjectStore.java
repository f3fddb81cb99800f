package io.policyledger.query.objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.query.batch.BatchWrites;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes of the {@code current_object} table, kept per object while the projection applies a batch and
 * sent together when it commits ({@link BatchWrites}): an object changed many times in a batch is written
 * once, as it ends. Every write is guarded by the event's position, so an event applied a second time
 * changes nothing. (Events arrive in log order, one segment, and a rebuild
 * starts from an empty table, so no older event is ever applied after a newer one.)
 */
@Component
class CurrentObjectStore implements ObjectWrites {

    private final JdbcTemplate jdbc;
    private final String batchKey = BatchWrites.ownerKey();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    CurrentObjectStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A row's pending write: its whole new state, a change of some columns, or its removal. */
    private static final class Write {
        enum Type {
            UPSERT,
            UPDATE,
            METADATA,
            DELETE
        }

        Type type;
        String uid;
        long resourceVersion;
        long generation;
        Instant created;
        Map<String, String> labels;
        Map<String, String> annotations;
        Object spec;
        Object status;

        /** The columns every change of the object's content sets. */
        Write content(
                long resourceVersion,
                long generation,
                Map<String, String> labels,
                Map<String, String> annotations,
                Object spec,
                Object status) {
            this.resourceVersion = resourceVersion;
            this.generation = generation;
            this.labels = labels;
            this.annotations = annotations;
            this.spec = spec;
            this.status = status;
            return this;
        }
    }

    @Override
    public void create(
            ObjectKey key,
            String uid,
            long resourceVersion,
            long generation,
            Instant created,
            Map<String, String> labels,
            Map<String, String> annotations,
            Object spec,
            Object status) {
        Write w = new Write().content(resourceVersion, generation, labels, annotations, spec, status);
        w.type = Write.Type.UPSERT;
        w.uid = uid;
        w.created = created;
        write(key, w);
    }

    @Override
    public void update(
            ObjectKey key,
            long resourceVersion,
            long generation,
            Map<String, String> labels,
            Map<String, String> annotations,
            Object spec,
            Object status) {
        Write w = change(key, Write.Type.UPDATE);
        if (w != null) {
            write(key, w.content(resourceVersion, generation, labels, annotations, spec, status));
        }
    }

    @Override
    public void updateMetadata(
            ObjectKey key, long resourceVersion, Map<String, String> labels, Map<String, String> annotations) {
        Write w = change(key, Write.Type.METADATA);
        if (w == null) {
            return;
        }
        w.resourceVersion = resourceVersion;
        w.labels = labels;
        w.annotations = annotations;
        write(key, w);
    }

    /**
     * The write a change of some columns goes into: the row's pending write if it sets at least those
     * columns, else a new one of {@code type}; null if the row is pending removal (the change has no row).
     */
    private Write change(ObjectKey key, Write.Type type) {
        Map<ObjectKey, Write> pending = pending();
        Write w = pending == null ? null : pending.get(key);
        if (w != null && w.type == Write.Type.DELETE) {
            return null;
        }
        if (w == null || (w.type == Write.Type.METADATA && type == Write.Type.UPDATE)) {
            w = new Write();
            w.type = type;
        }
        return w;
    }

    @Override
    public void delete(ObjectKey key, long resourceVersion) {
        Write w = new Write();
        w.type = Write.Type.DELETE;
        w.resourceVersion = resourceVersion;
        write(key, w);
    }

    /** The batch's pending writes by object (null outside a batch). */
    private Map<ObjectKey, Write> pending() {
        return BatchWrites.pending(batchKey, LinkedHashMap::new, this::flush);
    }

    private void write(ObjectKey key, Write w) {
        Map<ObjectKey, Write> pending = pending();
        if (pending != null) {
            pending.put(key, w);
        } else {
            flush(new HashMap<>(Map.of(key, w)));
        }
    }

    private void flush(Map<ObjectKey, Write> pending) {
        List<Object[]> upserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> metadata = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        pending.forEach((key, w) -> {
            switch (w.type) {
                case UPSERT ->
                    upserts.add(new Object[] {
                        key.kind().name(),
                        key.namespace(),
                        key.name(),
                        w.uid,
                        w.resourceVersion,
                        w.generation,
                        Timestamp.from(w.created),
                        toJson(w.labels),
                        toJson(w.annotations),
                        toJson(w.spec),
                        toJson(w.status)
                    });
                case UPDATE ->
                    updates.add(new Object[] {
                        w.resourceVersion,
                        w.generation,
                        toJson(w.labels),
                        toJson(w.annotations),
                        toJson(w.spec),
                        toJson(w.status),
                        key.kind().name(),
                        key.namespace(),
                        key.name(),
                        w.resourceVersion
                    });
                case METADATA ->
                    metadata.add(new Object[] {
                        w.resourceVersion,
                        toJson(w.labels),
                        toJson(w.annotations),
                        key.kind().name(),
                        key.namespace(),
                        key.name(),
                        w.resourceVersion
                    });
                case DELETE ->
                    deletes.add(new Object[] {key.kind().name(), key.namespace(), key.name(), w.resourceVersion});
            }
        });
        pending.clear();
        batch("""
                INSERT INTO current_object (kind, namespace, name, uid, resource_version, generation,
                                            creation_timestamp, labels, annotations, spec, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb)
                ON CONFLICT (kind, namespace, name) DO UPDATE SET
                    uid = EXCLUDED.uid, resource_version = EXCLUDED.resource_version,
                    generation = EXCLUDED.generation, creation_timestamp = EXCLUDED.creation_timestamp,
                    labels = EXCLUDED.labels, annotations = EXCLUDED.annotations,
                    spec = EXCLUDED.spec, status = EXCLUDED.status
                WHERE current_object.resource_version < EXCLUDED.resource_version
                """, upserts);
        batch("""
                UPDATE current_object SET resource_version = ?, generation = ?, labels = ?::jsonb,
                       annotations = ?::jsonb, spec = ?::jsonb, status = ?::jsonb
                WHERE kind = ? AND namespace = ? AND name = ? AND resource_version < ?
                """, updates);
        batch("""
                UPDATE current_object SET resource_version = ?, labels = ?::jsonb, annotations = ?::jsonb
                WHERE kind = ? AND namespace = ? AND name = ? AND resource_version < ?
                """, metadata);
        batch(
                "DELETE FROM current_object WHERE kind = ? AND namespace = ? AND name = ? AND resource_version < ?",
                deletes);
    }

    private void batch(String sql, List<Object[]> rows) {
        if (rows.size() == 1) {
            jdbc.update(sql, rows.get(0));
        } else if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }

    void deleteAll() {
        jdbc.update("DELETE FROM current_object");
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
