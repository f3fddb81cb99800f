package io.policyledger.query;

import io.policyledger.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** A fresh PostgreSQL database with every migration applied, for a projection's test without the app. */
public final class MigratedDatabase {

    private MigratedDatabase() {}

    public static PGSimpleDataSource create() {
        TestDatabase.Database db = TestDatabase.createDatabase();
        Flyway.configure()
                .dataSource(db.url(), db.user(), db.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(db.url());
        database.setUser(db.user());
        database.setPassword(db.password());
        return database;
    }
}
