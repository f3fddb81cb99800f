package io.policyledger.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL of one test's own, which the test may stop and start again (same port, same data), as an
 * outage would: for fault tests, which must not take down the server the other tests share.
 */
public final class StoppablePostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres pg;

    private StoppablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public static StoppablePostgres start() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            StoppablePostgres server = new StoppablePostgres(Files.createTempDirectory("pl-stoppable-pg"), port);
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a PostgreSQL of its own", e);
        }
    }

    /** A new empty database on it. */
    public TestDatabase.Database createDatabase(String name) {
        String admin = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return new TestDatabase.Database("jdbc:postgresql://localhost:" + port + "/" + name, "postgres", "");
    }

    /** Stops the server (fast shutdown: clients are disconnected), keeping its data. */
    public synchronized void stop() {
        try {
            if (pg != null) {
                pg.close();
                pg = null;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot stop PostgreSQL", e);
        }
    }

    public synchronized void startAgain() {
        try {
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Acknowledged commits are what the fault tests count: keep them durable.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL on port " + port, e);
        }
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory
        }
    }
}
