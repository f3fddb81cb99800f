package io.policyledger.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.testing.ServerProcess;
import io.policyledger.testing.TestApi;
import io.policyledger.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end with a real dataplane: pods are network namespaces joined by veth pairs to a bridge (itself
 * in a namespace of its own, so nothing here touches the host's network), the server and the agent jar
 * run as processes, and real TCP and UDP connections are probed between every pair of pods. After each
 * change, once the agent reports the change's revision enforced, the observed matrix must equal what the
 * server's connectivity checks answer. Needs root, {@code ip netns} and {@code nft} ({@code .ci/run}
 * installs nftables); skipped, saying so, where they are missing.
 */
class DataplaneE2EIT {

    private static final String ID =
            "pl" + Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff), 16);
    private static final String BRIDGE_NS = ID + "-br";
    private static final List<String> PODS = List.of("x/a", "x/b", "x/c", "y/a", "y/b");
    private static final int TCP_PORT = 80;
    private static final int UDP_PORT = 81;
    private static final Path AGENT_JAR =
            Path.of("target", "policy-ledger-agent.jar").toAbsolutePath();

    private static final Map<String, String> address = new LinkedHashMap<>();
    private static final Map<String, ProbeProcess> probes = new LinkedHashMap<>();
    private static final List<String> netnsCreated = new ArrayList<>();
    private static ServerProcess server;
    private static TestApi admin;
    private static Process agent;
    private static Path work;

    @BeforeAll
    static void world() throws Exception {
        String missing = missingPrerequisite();
        Assumptions.assumeTrue(missing == null, "dataplane end-to-end test skipped: " + missing);
        Runtime.getRuntime().addShutdownHook(new Thread(DataplaneE2EIT::tearDownNetwork));
        work = Files.createTempDirectory("pl-dataplane-e2e");

        sh("ip", "netns", "add", BRIDGE_NS);
        netnsCreated.add(BRIDGE_NS);
        sh("ip", "-n", BRIDGE_NS, "link", "add", "br0", "type", "bridge");
        sh("ip", "-n", BRIDGE_NS, "link", "set", "br0", "up");
        int i = 0;
        for (String pod : PODS) {
            i++;
            String ns = netnsOf(pod);
            sh("ip", "netns", "add", ns);
            netnsCreated.add(ns);
            sh("ip", "-n", BRIDGE_NS, "link", "add", "v" + i, "type", "veth", "peer", "name", "eth0", "netns", ns);
            sh("ip", "-n", BRIDGE_NS, "link", "set", "v" + i, "master", "br0", "up");
            address.put(pod, "10.213.7." + (10 + i));
            sh("ip", "-n", ns, "addr", "add", address.get(pod) + "/24", "dev", "eth0");
            sh("ip", "-n", ns, "link", "set", "eth0", "up");
            sh("ip", "-n", ns, "link", "set", "lo", "up");
            probes.put(pod, ProbeProcess.start(ns));
        }

        server = ServerProcess.start(
                TestDatabase.createDatabase(),
                work.resolve("server"),
                "--policy-ledger.node-stream.bookmark-interval=1s",
                "--policy-ledger.node-stream.poll-interval=50ms");
        admin = server.admin();
        admin.post("/apis/policyledger.io/v1/tenants", "{\"metadata\":{\"name\":\"tenant-a\"}}")
                .ok();
        admin.post(
                        "/api/v1/namespaces",
                        "{\"metadata\":{\"name\":\"x\",\"labels\":{\"policyledger.io/tenant\":\"tenant-a\","
                                + "\"team\":\"x\"}}}")
                .ok();
        admin.post(
                        "/api/v1/namespaces",
                        "{\"metadata\":{\"name\":\"y\",\"labels\":{\"policyledger.io/tenant\":\"tenant-a\","
                                + "\"team\":\"y\"}}}")
                .ok();
        for (String pod : PODS) {
            String[] p = pod.split("/");
            admin.post(
                            "/api/v1/namespaces/" + p[0] + "/pods",
                            "{\"metadata\":{\"name\":\"" + p[1] + "\",\"labels\":{\"app\":\""
                                    + p[1] + "\"},\"annotations\":{\"policyledger.io/netns\":\"" + netnsOf(pod)
                                    + "\"}},\"spec\":{\"nodeName\":"
                                    + "\"node-1\",\"containers\":[{\"name\":\"main\",\"ports\":[{\"name\":\"http\",\"containerPort\":80}]}]},"
                                    + "\"status\":{\"podIP\":\"" + address.get(pod) + "\"}}")
                    .ok();
        }
        String token = admin.post(
                        "/apis/policyledger.io/v1/tokens",
                        "{\"spec\":{\"role\":\"agent\",\"subject\":\"agent-node-1\",\"node\":\"node-1\"}}")
                .ok()
                .json()
                .at("/status/token")
                .asText();
        Path tokenFile = work.resolve("agent.token");
        Files.writeString(tokenFile, token);
        agent = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        AGENT_JAR.toString(),
                        "--server",
                        server.uri().toString(),
                        "--token-file",
                        tokenFile.toString(),
                        "--node",
                        "node-1",
                        "--state-dir",
                        work.resolve("agent-state").toString(),
                        "--apply",
                        "--certificate-authority",
                        server.ca().toString(),
                        "--trust-netns-annotation",
                        "--heartbeat-timeout",
                        "PT5S")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("agent.log").toFile())
                .start();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (agent != null) {
            agent.destroyForcibly().waitFor();
        }
        if (server != null) {
            server.close();
        }
        tearDownNetwork();
    }

    @Test
    void theProbedMatrixEqualsTheServersChecksBeforeAndAfterEveryChange() throws Exception {
        List<String> timings = new ArrayList<>();

        long revision = revisionOf(admin.get("/apis/policyledger.io/v1/nodes/node-1/rules"));
        timings.add("initial snapshot: " + awaitEnforced(revision, System.nanoTime()) + " ms");
        Map<String, Boolean> open = assertMatrixMatchesChecks("no policies");
        assertThat(open.values()).as("without policies everything connects").containsOnly(true);

        long start = System.nanoTime();
        revision = revisionOf(admin.patch(
                        "/api/v1/namespaces/y",
                        "{\"metadata\":{\"annotations\":{"
                                + "\"net.beta.kubernetes.io/network-policy\":\"{\\\"ingress\\\":{\\\"isolation\\\":\\\"DefaultDeny\\\"}}\"}}}")
                .ok());
        timings.add("namespace isolation: " + awaitEnforced(revision, start) + " ms");
        Map<String, Boolean> isolated = assertMatrixMatchesChecks("y isolated for ingress");
        assertThat(isolated.get("x/a -> y/a tcp")).isFalse();
        assertThat(isolated.get("y/a -> x/a tcp")).isTrue();

        start = System.nanoTime();
        admin.post(
                        "/apis/networking.k8s.io/v1/namespaces/x/networkpolicies",
                        "{\"metadata\":{\"name\":\"b-from-a\"},"
                                + "\"spec\":{\"podSelector\":{\"matchLabels\":{\"app\":\"b\"}},\"ingress\":[{\"from\":[{\"podSelector\":"
                                + "{\"matchLabels\":{\"app\":\"a\"}}}],\"ports\":[{\"protocol\":\"TCP\",\"port\":\"http\"}]}]}}")
                .ok();
        revision = revisionOf(admin.post(
                        "/apis/networking.k8s.io/v1/namespaces/x/networkpolicies",
                        "{\"metadata\":{\"name\":\"a-egress\"},\"spec\":{\"podSelector\":{\"matchLabels\":{\"app\":\"a\"}},"
                                + "\"policyTypes\":[\"Egress\"],\"egress\":[{\"to\":[{\"podSelector\":{\"matchLabels\":{\"app\":\"b\"}}}],"
                                + "\"ports\":[{\"protocol\":\"TCP\",\"port\":\"http\"}]},{\"to\":[{\"namespaceSelector\":{\"matchLabels\":"
                                + "{\"team\":\"y\"}}}],\"ports\":[{\"protocol\":\"UDP\",\"port\":" + UDP_PORT
                                + "}]}]}}")
                .ok());
        timings.add("two v1 policies (ingress, egress with named port): " + awaitEnforced(revision, start) + " ms");
        Map<String, Boolean> policed = assertMatrixMatchesChecks("v1 policies");
        assertThat(policed.get("x/a -> x/b tcp")).isTrue();
        assertThat(policed.get("x/c -> x/b tcp")).isFalse();
        assertThat(policed.get("x/a -> x/c tcp")).as("egress of x/a").isFalse();

        start = System.nanoTime();
        revision = revisionOf(admin.patch("/api/v1/namespaces/x/pods/c", "{\"metadata\":{\"labels\":{\"app\":\"a\"}}}")
                .ok());
        timings.add("pod label change: " + awaitEnforced(revision, start) + " ms");
        Map<String, Boolean> relabelled = assertMatrixMatchesChecks("x/c relabelled app=a");
        assertThat(relabelled.get("x/c -> x/b tcp")).isTrue();

        // The server crashes mid-stream and comes back: the agent resumes from its revision.
        server.kill();
        server.start();
        admin = server.admin();
        start = System.nanoTime();
        revision = revisionOf(admin.patch("/api/v1/namespaces/x/pods/a", "{\"metadata\":{\"labels\":{\"app\":\"z\"}}}")
                .ok());
        timings.add("pod label change after a server crash and restart: " + awaitEnforced(revision, start) + " ms");
        Map<String, Boolean> afterCrash = assertMatrixMatchesChecks("after the server's restart, x/a relabelled app=z");
        assertThat(afterCrash.get("x/a -> x/b tcp")).isFalse();
        assertThat(Files.readString(work.resolve("agent.log"))).contains("resuming node rules after revision");

        start = System.nanoTime();
        admin.delete("/apis/networking.k8s.io/v1/namespaces/x/networkpolicies/b-from-a")
                .ok();
        admin.delete("/apis/networking.k8s.io/v1/namespaces/x/networkpolicies/a-egress")
                .ok();
        revision = revisionOf(admin.patch(
                        "/api/v1/namespaces/y",
                        "{\"metadata\":{\"annotations\":{" + "\"net.beta.kubernetes.io/network-policy\":null}}}")
                .ok());
        timings.add("everything removed: " + awaitEnforced(revision, start) + " ms");
        assertThat(assertMatrixMatchesChecks("all removed").values()).containsOnly(true);

        // The platform's tiers. An Admin Deny that a tenant's allow-everything policy cannot open.
        String cnps = "/apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies";
        start = System.nanoTime();
        admin.post(
                        "/apis/networking.k8s.io/v1/namespaces/x/networkpolicies",
                        "{\"metadata\":{\"name\":\"allow-all\"},"
                                + "\"spec\":{\"podSelector\":{},\"ingress\":[{\"from\":[{\"namespaceSelector\":{}}]}]}}")
                .ok();
        revision = revisionOf(admin.post(
                        cnps,
                        "{\"metadata\":{\"name\":\"no-y-to-x-b\"},\"spec\":{\"tier\":\"Admin\","
                                + "\"priority\":10,\"subject\":{\"pods\":{\"namespaceSelector\":{\"matchLabels\":{\"team\":\"x\"}},"
                                + "\"podSelector\":{\"matchLabels\":{\"app\":\"b\"}}}},\"ingress\":[{\"name\":\"block\",\"action\":\"Deny\","
                                + "\"from\":[{\"namespaces\":{\"matchLabels\":{\"team\":\"y\"}}}]}]}}")
                .ok());
        timings.add("Admin Deny: " + awaitEnforced(revision, start) + " ms");
        Map<String, Boolean> adminDeny = assertMatrixMatchesChecks("Admin Deny over a tenant's allow-all");
        assertThat(adminDeny.get("y/a -> x/b tcp")).isFalse();
        assertThat(adminDeny.get("y/b -> x/b udp")).isFalse();
        assertThat(adminDeny.get("y/a -> x/c tcp")).isTrue();
        assertThat(adminDeny.get("x/a -> x/b tcp")).isTrue();

        // Pass, at a lower priority number: y/a is handed to x/b's own policy, which admits only y/a.
        start = System.nanoTime();
        admin.post(
                        cnps,
                        "{\"metadata\":{\"name\":\"pass-y-a\"},\"spec\":{\"tier\":\"Admin\",\"priority\":5,"
                                + "\"subject\":{\"pods\":{\"namespaceSelector\":{\"matchLabels\":{\"team\":\"x\"}},\"podSelector\":"
                                + "{\"matchLabels\":{\"app\":\"b\"}}}},\"ingress\":[{\"action\":\"Pass\",\"from\":[{\"pods\":{"
                                + "\"namespaceSelector\":{\"matchLabels\":{\"team\":\"y\"}},\"podSelector\":{\"matchLabels\":{\"app\":\"a\"}}}}]}]}}")
                .ok();
        admin.delete("/apis/networking.k8s.io/v1/namespaces/x/networkpolicies/allow-all")
                .ok();
        revision = revisionOf(admin.post(
                        "/apis/networking.k8s.io/v1/namespaces/x/networkpolicies",
                        "{\"metadata\":{\"name\":\"b-from-y-a\"},\"spec\":{\"podSelector\":{\"matchLabels\":{\"app\":\"b\"}},"
                                + "\"ingress\":[{\"from\":[{\"namespaceSelector\":{\"matchLabels\":{\"team\":\"y\"}},\"podSelector\":"
                                + "{\"matchLabels\":{\"app\":\"a\"}}}]}]}}")
                .ok());
        timings.add("Admin Pass to a NetworkPolicy: " + awaitEnforced(revision, start) + " ms");
        Map<String, Boolean> passed = assertMatrixMatchesChecks("Admin Pass to x/b's policy");
        assertThat(passed.get("y/a -> x/b tcp"))
                .as("passed, then admitted by the policy")
                .isTrue();
        assertThat(passed.get("y/b -> x/b tcp")).as("the Admin Deny").isFalse();
        assertThat(passed.get("x/a -> x/b tcp")).as("isolated by the policy").isFalse();

        // A Baseline default deny: it decides where no NetworkPolicy isolates, and x/b's policy overrides it.
        start = System.nanoTime();
        revision = revisionOf(admin.post(
                        cnps,
                        "{\"metadata\":{\"name\":\"default-deny\"},\"spec\":{\"tier\":\"Baseline\","
                                + "\"priority\":1,\"subject\":{\"namespaces\":{}},\"ingress\":[{\"action\":\"Deny\",\"from\":"
                                + "[{\"namespaces\":{}}]}],\"egress\":[{\"action\":\"Deny\",\"to\":[{\"networks\":[\"10.213.7.13/32\"]}]}]}}")
                .ok());
        timings.add("Baseline Deny: " + awaitEnforced(revision, start) + " ms");
        Map<String, Boolean> baseline = assertMatrixMatchesChecks("Baseline default deny");
        assertThat(baseline.get("x/a -> y/a tcp")).isFalse();
        assertThat(baseline.get("y/b -> x/c udp")).isFalse();
        assertThat(baseline.get("y/a -> x/b tcp"))
                .as("a NetworkPolicy overrides the Baseline tier")
                .isTrue();

        start = System.nanoTime();
        for (String name : List.of("no-y-to-x-b", "pass-y-a", "default-deny")) {
            admin.delete(cnps + "/" + name).ok();
        }
        admin.delete("/apis/networking.k8s.io/v1/namespaces/x/networkpolicies/b-from-y-a")
                .ok();
        // A delete answers no revision; a later write's revision covers it.
        revision = revisionOf(admin.patch("/api/v1/namespaces/y", "{\"metadata\":{\"labels\":{\"phase\":\"done\"}}}")
                .ok());
        timings.add("tiers removed: " + awaitEnforced(revision, start) + " ms");
        assertThat(assertMatrixMatchesChecks("tiers removed").values()).containsOnly(true);

        System.out.println("change -> enforced (write until the agent reports the revision): " + timings);
    }

    // ---- the matrix ----

    /** Probes every ordered pair over TCP and UDP and asserts the result equals the server's checks. */
    private static Map<String, Boolean> assertMatrixMatchesChecks(String phase) throws Exception {
        Map<String, Boolean> observed = new TreeMap<>();
        Map<String, Boolean> expected = new TreeMap<>();
        Map<String, ProbeProcess.Pending> pending = new TreeMap<>();
        for (String from : PODS) {
            for (String to : PODS) {
                if (from.equals(to)) {
                    continue;
                }
                for (String protocol : List.of("tcp", "udp")) {
                    String key = from + " -> " + to + " " + protocol;
                    int port = protocol.equals("tcp") ? TCP_PORT : UDP_PORT;
                    pending.put(key, probes.get(from).probe(protocol, address.get(to), port));
                    JsonNode check = admin.post(
                                    "/apis/policyledger.io/v1/connectivitychecks",
                                    "{\"spec\":{\"from\":\""
                                            + from + "\",\"to\":\"" + to + "\",\"port\":" + port + ",\"protocol\":\""
                                            + protocol.toUpperCase() + "\"}}")
                            .ok()
                            .json();
                    expected.put(key, check.at("/status/allowed").asBoolean());
                }
            }
        }
        for (Map.Entry<String, ProbeProcess.Pending> p : pending.entrySet()) {
            observed.put(p.getKey(), p.getValue().await());
        }
        assertThat(observed)
                .as("probed connectivity (" + phase + ") vs the server's checks; agent log:\n"
                        + Files.readString(work.resolve("agent.log")))
                .isEqualTo(expected);
        return observed;
    }

    /** Milliseconds from {@code startNanos} until the agent reports {@code revision} enforced. */
    private static long awaitEnforced(long revision, long startNanos) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode node = admin.get("/apis/policyledger.io/v1/nodes/node-1").json();
            if (node.at("/status/enforcedRevision").asLong(-1) >= revision) {
                return (System.nanoTime() - startNanos) / 1_000_000;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(
                "revision " + revision + " not enforced; agent log:\n" + Files.readString(work.resolve("agent.log")));
    }

    private static long revisionOf(TestApi.Response response) {
        return Long.parseLong(
                response.ok().json().at("/metadata/resourceVersion").asText());
    }

    // ---- network namespaces ----

    private static String netnsOf(String pod) {
        return ID + "-" + pod.replace('/', '-');
    }

    private static String missingPrerequisite() throws Exception {
        if (!"0".equals(output("id", "-u").trim())) {
            return "not running as root (network namespaces need it)";
        }
        for (String tool : List.of("ip", "nft")) {
            if (!"0"
                    .equals(output("sh", "-c", "command -v " + tool + " >/dev/null; echo $?")
                            .trim())) {
                return "'" + tool + "' is not installed (apt-get install -y iproute2 nftables)";
            }
        }
        if (!Files.exists(AGENT_JAR)) {
            return AGENT_JAR + " is not built";
        }
        return null;
    }

    private static synchronized void tearDownNetwork() {
        probes.values().forEach(ProbeProcess::stop);
        probes.clear();
        for (String ns : netnsCreated) {
            try {
                new ProcessBuilder("ip", "netns", "del", ns)
                        .redirectErrorStream(true)
                        .start()
                        .waitFor(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // best effort: reported by the next run's `ip netns list` if it remains
            }
        }
        netnsCreated.clear();
    }

    private static void sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static String output(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** A {@link Probe} running in one pod's network namespace. */
    static final class ProbeProcess {
        private final Process process;
        private final PrintStream commands;
        private final Map<String, Pending> waiting = new ConcurrentHashMap<>();
        private int next;

        /** A probe's answer, when it comes. */
        static final class Pending {
            private final CountDownLatch done = new CountDownLatch(1);
            private volatile boolean ok;

            boolean await() throws InterruptedException {
                if (!done.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("probe did not answer");
                }
                return ok;
            }
        }

        private ProbeProcess(Process process) {
            this.process = process;
            this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        static ProbeProcess start(String netns) throws Exception {
            Process p = new ProcessBuilder(
                            "ip",
                            "netns",
                            "exec",
                            netns,
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx64m",
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            System.getProperty("java.class.path"),
                            Probe.class.getName(),
                            Integer.toString(TCP_PORT),
                            Integer.toString(UDP_PORT))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            ProbeProcess probe = new ProbeProcess(p);
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (!"READY".equals(ready)) {
                throw new IllegalStateException("probe in " + netns + " did not start: " + ready);
            }
            Thread reader = new Thread(
                    () -> {
                        try {
                            String line;
                            while ((line = out.readLine()) != null) {
                                String[] answer = line.split(" ");
                                Pending pending = probe.waiting.remove(answer[0]);
                                if (pending != null) {
                                    pending.ok = "OK".equals(answer[1]);
                                    pending.done.countDown();
                                }
                            }
                        } catch (IOException e) {
                            // the probe ended
                        }
                    },
                    "probe-" + netns);
            reader.setDaemon(true);
            reader.start();
            return probe;
        }

        synchronized Pending probe(String protocol, String address, int port) {
            String id = Integer.toString(next++);
            Pending pending = new Pending();
            waiting.put(id, pending);
            commands.println(id + " " + protocol + " " + address + " " + port);
            return pending;
        }

        void stop() {
            commands.close();
            process.destroyForcibly();
        }
    }
}
