package io.policyledger.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy-ledger server as its users run it: {@code java -jar app/target/policy-ledger.jar}, a process
 * of its own, here on a test database; it can be killed (as a crash would) and started again.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Path JAR =
            Path.of("..", "app", "target", "policy-ledger.jar").toAbsolutePath().normalize();
    private static final Pattern TOKEN = Pattern.compile("(?m)^\\s*token:\\s*(\\S+)\\s*$");

    private final TestDatabase.Database database;
    private final Path dataDir;
    private final int port;
    private final List<String> extra;
    private Process process;

    private ServerProcess(TestDatabase.Database database, Path dataDir, int port, List<String> extra) {
        this.database = database;
        this.dataDir = dataDir;
        this.port = port;
        this.extra = extra;
    }

    /** Starts a server on the database; {@code extra} are further command-line settings. */
    public static ServerProcess start(TestDatabase.Database database, Path dataDir, String... extra) throws Exception {
        ServerProcess server = new ServerProcess(database, dataDir, freePort(), List.of(extra));
        server.start();
        return server;
    }

    public void start() throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the app module is packaged before the agent's tests");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--policy-ledger.data-dir=" + dataDir));
        command.addAll(extra);
        Files.createDirectories(dataDir);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited: " + Files.readString(dataDir.resolve("server.log")));
            }
            if (Files.exists(dataDir.resolve("admin.kubeconfig")) && Files.exists(ca())) {
                try {
                    if (api(null).get("/actuator/health/readiness").status() == 200) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    // not listening yet
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(
                "server did not become ready: " + Files.readString(dataDir.resolve("server.log")));
    }

    /** Ends the process at once, as a crash or a kill -9 would. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The process id (what Axon's claims name their owner by, with the host). */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public URI uri() {
        return URI.create("https://localhost:" + port);
    }

    public Path ca() {
        return dataDir.resolve("tls/ca.crt");
    }

    public Path dataDir() {
        return dataDir;
    }

    public String adminToken() throws IOException {
        Matcher m = TOKEN.matcher(Files.readString(dataDir.resolve("admin.kubeconfig")));
        if (!m.find()) {
            throw new IllegalStateException("no token in admin.kubeconfig");
        }
        return m.group(1);
    }

    public TestApi api(String token) {
        return new TestApi(uri(), ca(), token);
    }

    public TestApi admin() throws IOException {
        return api(adminToken());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
