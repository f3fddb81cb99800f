package io.policyledger.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.testing.ServerProcess;
import io.policyledger.testing.TestApi;
import io.policyledger.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference agent (dry-run dataplane: rulesets as files) against the real server, run as users run
 * it: it follows every change, keeps its revision, resumes after its own restart, after the server's
 * crash and restart, and on another instance of the service; in each case it ends where a fresh agent
 * listing everything ends.
 */
class AgentIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String[] SETTINGS = {
        "--policy-ledger.node-stream.bookmark-interval=500ms", "--policy-ledger.node-stream.poll-interval=50ms"
    };

    private static TestDatabase.Database database;
    private static ServerProcess server;
    private static TestApi admin;
    private static String agentToken;
    private static Path work;

    @BeforeAll
    static void world() throws Exception {
        database = TestDatabase.createDatabase();
        work = Files.createTempDirectory("pl-agent-it");
        server = ServerProcess.start(database, work.resolve("server-a"), SETTINGS);
        admin = server.admin();
        admin.post("/apis/policyledger.io/v1/tenants", "{\"metadata\":{\"name\":\"tenant-a\"}}")
                .ok();
        admin.post("/api/v1/namespaces", namespace("x")).ok();
        admin.post("/api/v1/namespaces/x/pods", pod("a", "web", "node-1", "10.1.0.1"))
                .ok();
        admin.post("/api/v1/namespaces/x/pods", pod("b", "db", "node-1", "10.1.0.2"))
                .ok();
        admin.post("/api/v1/namespaces/x/pods", pod("c", "web", "node-2", "10.1.0.3"))
                .ok();
        agentToken = admin.post(
                        "/apis/policyledger.io/v1/tokens",
                        "{\"spec\":{\"role\":\"agent\",\"subject\":\"agent-node-1\",\"node\":\"node-1\"}}")
                .ok()
                .json()
                .at("/status/token")
                .asText();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void followsEveryChangeAndReportsWhatItEnforces() throws Exception {
        try (RunningAgent agent = RunningAgent.start("follow", List.of(server))) {
            agent.awaitFiles("x_a.nft", "x_b.nft");
            assertThat(agent.file("x_b.nft")).doesNotContain("drop");

            long revision = revisionOf(admin.post(
                            "/apis/networking.k8s.io/v1/namespaces/x/networkpolicies",
                            policy("db-from-web", "db", "web"))
                    .ok());
            agent.awaitEnforced(revision);
            assertThat(agent.file("x_b.nft"))
                    .contains("drop")
                    .contains("10.1.0.1")
                    .contains("10.1.0.3")
                    .contains("tcp dport 5432 accept");
            assertThat(agent.file("x_a.nft")).doesNotContain("drop");

            // The server hears what the node enforces.
            await(
                    () -> admin.get("/apis/policyledger.io/v1/nodes/node-1")
                                    .json()
                                    .at("/status/enforcedRevision")
                                    .asLong()
                            >= revision,
                    "node-1 reported " + revision);

            long deleted = revisionOf(admin.post("/api/v1/namespaces/x/pods", pod("gone", "web", "node-1", "10.1.0.9"))
                    .ok());
            agent.awaitEnforced(deleted);
            assertThat(agent.file("x_b.nft")).contains("10.1.0.9");
            admin.delete("/api/v1/namespaces/x/pods/gone").ok();
            agent.awaitEnforced(position());
            assertThat(agent.files()).doesNotContainKey("x_gone.nft");
            assertThat(agent.file("x_b.nft")).doesNotContain("10.1.0.9");
        } finally {
            admin.delete("/apis/networking.k8s.io/v1/namespaces/x/networkpolicies/db-from-web");
        }
    }

    @Test
    void aRestartedAgentResumesFromItsRevisionAndEndsWhereAFreshOneDoes() throws Exception {
        RunningAgent first = RunningAgent.start("restart", List.of(server));
        first.awaitEnforced(position());
        long stoppedAt = first.agent.enforcedRevision();
        first.close();

        admin.post("/apis/networking.k8s.io/v1/namespaces/x/networkpolicies", policy("while-away", "web", "db"))
                .ok();
        admin.patch("/api/v1/namespaces/x/pods/c", "{\"metadata\":{\"labels\":{\"app\":\"db\"}}}")
                .ok();
        try (RunningAgent again = RunningAgent.start("restart", List.of(server))) {
            again.awaitEnforced(position());
            assertThat(again.log).anyMatch(l -> l.startsWith("resuming node rules after revision " + stoppedAt));
            assertSameAsFresh(again);
        } finally {
            admin.delete("/apis/networking.k8s.io/v1/namespaces/x/networkpolicies/while-away")
                    .ok();
            admin.patch("/api/v1/namespaces/x/pods/c", "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}")
                    .ok();
        }
    }

    @Test
    void anAgentResumingFromAnOlderRenderersStateRendersEveryPodAgain() throws Exception {
        RunningAgent first = RunningAgent.start("upgraded", List.of(server));
        first.awaitEnforced(position());
        first.close();
        // As an agent from before the tiers left it: no renderer in its state, and its scripts are stale.
        Path state = work.resolve("agent-upgraded-state").resolve("state.json");
        com.fasterxml.jackson.databind.node.ObjectNode saved = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(state.toFile());
        assertThat(saved.remove("renderer")).isNotNull();
        Files.writeString(state, saved.toString());
        Set<String> scripts = first.files().keySet();
        for (String script : scripts) {
            Files.delete(first.out.resolve(script));
        }

        try (RunningAgent again = RunningAgent.start("upgraded", List.of(server))) {
            again.awaitFiles(scripts.toArray(String[]::new));
            assertSameAsFresh(again);
        }
    }

    @Test
    void theServerCrashingAndAnotherInstanceTakingOverLosesNoChange() throws Exception {
        ServerProcess second = ServerProcess.start(
                database,
                work.resolve("server-b"),
                with(
                        SETTINGS,
                        "--policy-ledger.security.signing-key-file="
                                + server.dataDir().resolve("jwt-signing-key.json")));
        try (RunningAgent agent = RunningAgent.start("failover", List.of(server, second))) {
            agent.awaitEnforced(position());
            server.kill();

            TestApi viaSecond = second.api(server.adminToken());
            viaSecond
                    .post("/apis/networking.k8s.io/v1/namespaces/x/networkpolicies", policy("after-crash", "db", "web"))
                    .ok();
            viaSecond
                    .post("/api/v1/namespaces/x/pods", pod("d", "web", "node-1", "10.1.0.4"))
                    .ok();
            long revision = Long.parseLong(viaSecond
                    .get("/apis/policyledger.io/v1/nodes/node-1/rules")
                    .json()
                    .at("/metadata/resourceVersion")
                    .asText());
            agent.awaitEnforced(revision);
            assertThat(agent.log)
                    .anyMatch(l -> l.contains("resuming node rules after revision")
                            && l.contains(second.uri().toString()));
            assertThat(agent.file("x_b.nft")).contains("10.1.0.4").contains("drop");

            // The crashed instance comes back on its port; the agent moves back to it when the second stops.
            server.start();
            admin = server.admin();
            second.close();
            admin.delete("/api/v1/namespaces/x/pods/d").ok();
            agent.awaitEnforced(position());
            assertThat(agent.files()).doesNotContainKey("x_d.nft");
            assertSameAsFresh(agent);
        } finally {
            second.close();
            if (!server.alive()) {
                server.start();
                admin = server.admin();
            }
            admin.delete("/apis/networking.k8s.io/v1/namespaces/x/networkpolicies/after-crash");
            admin.delete("/api/v1/namespaces/x/pods/d");
        }
    }

    // ---- helpers ----

    /** An agent in this JVM, its dry-run files and log. */
    static final class RunningAgent implements AutoCloseable {
        final Agent agent;
        final Path out;
        final List<String> log = new CopyOnWriteArrayList<>();
        private final Thread thread;

        private RunningAgent(String name, List<ServerProcess> servers) throws IOException {
            this.out = work.resolve("agent-" + name + "-out");
            ServerClient client = new ServerClient(
                    servers.stream().map(ServerProcess::uri).toList(),
                    agentToken,
                    "node-1",
                    servers.stream().map(ServerProcess::ca).toList());
            this.agent = new Agent(
                    client,
                    new DryRunDataplane(out),
                    work.resolve("agent-" + name + "-state"),
                    Duration.ofSeconds(3),
                    Duration.ofMinutes(5),
                    log::add);
            this.thread = new Thread(agent, "agent-" + name);
        }

        static RunningAgent start(String name, List<ServerProcess> servers) throws IOException {
            RunningAgent running = new RunningAgent(name, servers);
            running.thread.start();
            return running;
        }

        void awaitEnforced(long revision) throws InterruptedException {
            await(() -> agent.enforcedRevision() >= revision, "agent enforcing revision " + revision + "; log: " + log);
        }

        void awaitFiles(String... names) throws InterruptedException {
            await(() -> Stream.of(names).allMatch(n -> Files.exists(out.resolve(n))), "files " + List.of(names));
        }

        String file(String name) throws IOException {
            return Files.readString(out.resolve(name));
        }

        Map<String, String> files() throws IOException {
            Map<String, String> all = new TreeMap<>();
            try (Stream<Path> list = Files.list(out)) {
                for (Path p : list.toList()) {
                    all.put(p.getFileName().toString(), Files.readString(p));
                }
            }
            return all;
        }

        @Override
        public void close() throws InterruptedException {
            agent.stop();
            thread.join(10_000);
        }
    }

    static void assertSameAsFresh(RunningAgent agent) throws Exception {
        String name = "fresh-" + System.nanoTime();
        try (RunningAgent fresh = RunningAgent.start(name, List.of(server))) {
            fresh.awaitEnforced(position());
            agent.awaitEnforced(position());
            assertThat(agent.files()).isEqualTo(fresh.files());
        }
    }

    static long position() {
        return Long.parseLong(admin.get("/apis/policyledger.io/v1/nodes/node-1/rules")
                .json()
                .at("/metadata/resourceVersion")
                .asText());
    }

    static long revisionOf(TestApi.Response written) {
        return Long.parseLong(written.json().at("/metadata/resourceVersion").asText());
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static String[] with(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    static String namespace(String name) {
        return "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"policyledger.io/tenant\":\"tenant-a\"}}}";
    }

    static String pod(String name, String app, String node, String ip) {
        return "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"" + app + "\"}},\"spec\":{\"nodeName\":"
                + "\"" + node
                + "\",\"containers\":[{\"name\":\"main\",\"ports\":[{\"name\":\"pg\",\"containerPort\":5432}]}]},"
                + "\"status\":{\"podIP\":\"" + ip + "\"}}";
    }

    static String policy(String name, String app, String fromApp) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"podSelector\":{\"matchLabels\":{\"app\":\""
                + app + "\"}},\"ingress\":[{\"from\":[{\"podSelector\":{\"matchLabels\":{\"app\":\"" + fromApp
                + "\"}}}],\"ports\":[{\"port\":\"pg\"}]}]}}";
    }
}
