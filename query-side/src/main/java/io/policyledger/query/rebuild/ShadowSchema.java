package io.policyledger.query.rebuild;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.policyledger.query.projection.ReadModel.Table;
import io.policyledger.query.projection.ReadModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A rebuild's own schema: empty tables shaped like the live read models, without their secondary indexes
 * while the replay fills them, and a small pool whose connections resolve the tables' names to them.
 */
final class ShadowSchema {

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    ShadowSchema(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Empty tables shaped like the live ones (keys, indexes, cascades), the horizon row copied. */
    void create(RebuildRun rebuild) {
        String schema = rebuild.schema;
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + schema);
        for (Table t : ReadModels.tables()) {
            jdbc.execute("CREATE TABLE " + schema + "." + t.name() + " (LIKE public." + t.name()
                    + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
        }
        for (Table t : ReadModels.tables()) {
            for (String foreignKey : jdbc.queryForList(
                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                            + "WHERE conrelid = ?::regclass AND contype = 'f'",
                    String.class,
                    "public." + t.name())) {
                jdbc.execute("ALTER TABLE " + schema + "." + t.name() + " ADD "
                        + foreignKey.replaceAll("REFERENCES (public\\.)?", "REFERENCES " + schema + "."));
            }
        }
        jdbc.update("INSERT INTO " + schema + ".node_stream_horizon SELECT * FROM public.node_stream_horizon");
    }

    /**
     * Drops the rebuilt tables' indexes other than their keys, answering the statements that create them
     * again: a bulk replay into tables without them, and one build of each index at its end, is several
     * times faster than keeping them up to date through every write.
     */
    List<String> dropSecondaryIndexes(RebuildRun rebuild) {
        List<Map<String, Object>> indexes = jdbc.queryForList("""
                SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ? AND NOT i.indisprimary AND NOT i.indisunique""", rebuild.schema);
        List<String> definitions = new ArrayList<>();
        for (Map<String, Object> index : indexes) {
            jdbc.execute("DROP INDEX " + rebuild.schema + "." + index.get("name"));
            definitions.add((String) index.get("definition"));
        }
        return definitions;
    }

    /** A small pool whose connections resolve the read models' table names to the rebuild's tables. */
    HikariDataSource dataSource(RebuildRun rebuild) {
        if (!(dataSource instanceof HikariDataSource live)) {
            throw new IllegalStateException("rebuilds need the server's own connection pool (Hikari)");
        }
        HikariConfig config = new HikariConfig();
        live.copyStateTo(config);
        config.setPoolName("projection-rebuild");
        // One connection per projection replayed side by side, and one to spare.
        config.setMaximumPoolSize(ReadModels.ALL.size() + 1);
        config.setMinimumIdle(0);
        // The replay's commits need not wait for the disk (a crash abandons the rebuild, which starts over),
        // and its batches of inserts go to PostgreSQL as multi-row statements.
        config.setConnectionInitSql("SET search_path TO " + rebuild.schema + ", public; SET synchronous_commit TO off");
        // copyStateTo shares the live pool's properties object: the rebuild's own copy is changed, not it.
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(config.getDataSourceProperties());
        properties.setProperty("reWriteBatchedInserts", "true");
        config.setDataSourceProperties(properties);
        return new HikariDataSource(config);
    }

    List<String> primaryKey(String table) {
        return jdbc.queryForList(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                        + "AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY a.attnum",
                String.class,
                "public." + table);
    }
}
