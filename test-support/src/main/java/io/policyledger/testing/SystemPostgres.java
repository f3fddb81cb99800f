package io.policyledger.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of one test's own, run from the machine's installed binaries (Debian's
 * {@code /usr/lib/postgresql/<major>/bin}, or {@code POLICYLEDGER_PG_BIN}): for tests that need the client
 * tools of the same version, such as {@code pg_dump} and {@code pg_restore}, which the embedded server's
 * distribution does not carry. As root the server runs as the {@code postgres} user (PostgreSQL refuses
 * root). Every local connection is trusted: the server listens on localhost, on a free port, for the test.
 */
public final class SystemPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;

    private SystemPostgres(Path bin, Path dataDir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The installed binaries' directory, or null if the machine has none. */
    public static Path binaries() {
        String given = System.getenv("POLICYLEDGER_PG_BIN");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return null;
        }
        try (var versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(
                            b -> major(b.getParent().getFileName().toString())))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static SystemPostgres start() throws Exception {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException(
                    "no installed PostgreSQL binaries (apt-get install postgresql, or set " + "POLICYLEDGER_PG_BIN)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("pl-system-pg");
        SystemPostgres pg = new SystemPostgres(bin, dir.resolve("data"), port, root);
        if (root) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        pg.runAsServer(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                pg.dataDir.toString(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync"));
        pg.runAsServer(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                pg.dataDir.toString(),
                "-w",
                "-l",
                dir.resolve("server.log").toString(),
                "-o",
                "-p " + port + " -c listen_addresses=localhost " + "-c unix_socket_directories=" + dir
                        + " -c fsync=off",
                "start"));
        return pg;
    }

    /** A new empty database. */
    public TestDatabase.Database createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return new TestDatabase.Database(url(name), "postgres", "");
    }

    /** Runs one of the client tools ({@code pg_dump}, {@code pg_restore}, …) against this server. */
    public void tool(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(bin.resolve(name).toString(), "--host=localhost", "--port=" + port, "--username=postgres"));
        command.addAll(List.of(args));
        run(command);
    }

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    private void runAsServer(List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            runAsServer(
                    List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
        } finally {
            try (var files = Files.walk(dataDir.getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
