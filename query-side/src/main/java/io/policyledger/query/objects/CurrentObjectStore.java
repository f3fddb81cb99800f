package io.policyledger.query.objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.policyledger.core.object.ObjectKey;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes of the {@code current_object} table. Every write is guarded by the event's position, so an
 * event applied a second time changes nothing. (Events arrive in log order, one segment, and a rebuild
 * starts from an empty table, so no older event is ever applied after a newer one.)
 */
@Component
class CurrentObjectStore implements ObjectWrites {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    CurrentObjectStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void create(ObjectKey key, String uid, long resourceVersion, long generation, Instant created,
                Map<String, String> labels, Map<String, String> annotations, Object spec, Object status) {
        jdbc.update("""
                INSERT INTO current_object (kind, namespace, name, uid, resource_version, generation,
                                            creation_timestamp, labels, annotations, spec, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb)
                ON CONFLICT (kind, namespace, name) DO UPDATE SET
                    uid = EXCLUDED.uid, resource_version = EXCLUDED.resource_version,
                    generation = EXCLUDED.generation, creation_timestamp = EXCLUDED.creation_timestamp,
                    labels = EXCLUDED.labels, annotations = EXCLUDED.annotations,
                    spec = EXCLUDED.spec, status = EXCLUDED.status
                WHERE current_object.resource_version < EXCLUDED.resource_version
                """, key.kind().name(), key.namespace(), key.name(), uid, resourceVersion, generation,
                Timestamp.from(created), toJson(labels), toJson(annotations), toJson(spec), toJson(status));
    }

    @Override
    public void update(ObjectKey key, long resourceVersion, long generation, Map<String, String> labels,
                Map<String, String> annotations, Object spec, Object status) {
        jdbc.update("""
                UPDATE current_object SET resource_version = ?, generation = ?, labels = ?::jsonb,
                       annotations = ?::jsonb, spec = ?::jsonb, status = ?::jsonb
                WHERE kind = ? AND namespace = ? AND name = ? AND resource_version < ?
                """, resourceVersion, generation, toJson(labels), toJson(annotations), toJson(spec), toJson(status),
                key.kind().name(), key.namespace(), key.name(), resourceVersion);
    }

    @Override
    public void updateMetadata(ObjectKey key, long resourceVersion, Map<String, String> labels,
                        Map<String, String> annotations) {
        jdbc.update("""
                UPDATE current_object SET resource_version = ?, labels = ?::jsonb, annotations = ?::jsonb
                WHERE kind = ? AND namespace = ? AND name = ? AND resource_version < ?
                """, resourceVersion, toJson(labels), toJson(annotations),
                key.kind().name(), key.namespace(), key.name(), resourceVersion);
    }

    @Override
    public void delete(ObjectKey key, long resourceVersion) {
        jdbc.update("DELETE FROM current_object WHERE kind = ? AND namespace = ? AND name = ? AND resource_version < ?",
                key.kind().name(), key.namespace(), key.name(), resourceVersion);
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
