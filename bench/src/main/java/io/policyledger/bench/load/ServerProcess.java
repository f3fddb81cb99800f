package io.policyledger.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as an operator runs it: {@code java -jar app/target/policy-ledger.jar} in its own JVM, with its
 * embedded PostgreSQL (durable settings) in a fresh data dir, over HTTPS. The load drivers talk to it as
 * clients do and reach its database (for the physical baseline) through the URL it writes for psql.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern KUBECONFIG_TOKEN = Pattern.compile("(?m)^\\s*token:\\s*(\\S+)\\s*$");
    private static final Pattern PSQL_URL = Pattern.compile("postgresql://([^:]+):([^@]+)@([^:/]+):(\\d+)/(\\S+)");

    private final Process process;
    private final Path dataDir;
    private final int port;

    private ServerProcess(Process process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Starts the jar with {@code extraArguments} (e.g. a raised write rate) and waits until it answers.
     * Its output goes to {@code server.log} in its data dir.
     */
    public static ServerProcess start(Path jar, List<String> jvmOptions, List<String> extraArguments)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: build it first (./mvnw -B -DskipTests package)");
        }
        Path dataDir = Files.createTempDirectory("pl-load");
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--policy-ledger.data-dir=" + dataDir));
        command.addAll(extraArguments);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile())
                .start();
        ServerProcess server = new ServerProcess(process, dataDir, port);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the server exited with " + process.exitValue() + "; see " + dataDir.resolve("server.log"));
            }
            if (Files.exists(dataDir.resolve("admin.kubeconfig")) && Files.exists(dataDir.resolve("tls/ca.crt"))) {
                try {
                    HttpsApi probe = api(adminToken());
                    if (probe.get("/api/v1/namespaces").status() == 200) {
                        return;
                    }
                } catch (IOException | RuntimeException e) {
                    // Not listening yet.
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server did not answer within 120 s; see " + dataDir.resolve("server.log"));
    }

    /** Starts a JFR recording in the server that ends by itself after a minute (or when it exits). */
    public void startRecording(Path file, String settings) {
        try {
            Files.createDirectories(file.getParent());
            Process jcmd = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            Long.toString(process.pid()),
                            "JFR.start",
                            "name=" + file.getFileName(),
                            "settings=" + settings,
                            "duration=60s",
                            "filename=" + file)
                    .redirectErrorStream(true)
                    .start();
            String said = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException("jcmd JFR.start failed: " + said);
            }
            System.out.println("recording " + file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a recording", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    public URI base() {
        return URI.create("https://localhost:" + port);
    }

    /** The platform-admin token the server wrote to its kubeconfig. */
    public String adminToken() throws IOException {
        Matcher m = KUBECONFIG_TOKEN.matcher(Files.readString(dataDir.resolve("admin.kubeconfig")));
        if (!m.find()) {
            throw new IllegalStateException("no token in admin.kubeconfig");
        }
        return m.group(1);
    }

    /** A client trusting the server's own CA, sending {@code token}. */
    public HttpsApi api(String token) {
        return new HttpsApi(base(), HttpsApi.trusting(dataDir.resolve("tls/ca.crt")), token);
    }

    /** JDBC URL, user and password of the server's own PostgreSQL (from {@code postgres.url}). */
    public record Database(String jdbcUrl, String user, String password) {}

    public Database database() throws IOException {
        String url = Files.readString(dataDir.resolve("postgres.url"), StandardCharsets.UTF_8)
                .trim();
        Matcher m = PSQL_URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("unexpected postgres.url: " + url.replaceAll(":[^@/]+@", ":***@"));
        }
        return new Database(
                "jdbc:postgresql://" + m.group(3) + ":" + m.group(4) + "/" + m.group(5), m.group(1), m.group(2));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
