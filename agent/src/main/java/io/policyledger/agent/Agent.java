package io.policyledger.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.protocol.PeerSetSpec;
import io.policyledger.protocol.PodRulesSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The agent's loop: watch the node's rules from the revision it last applied (everything, the first
 * time or after 410 Expired), gather each round's events, and at the round's BOOKMARK bring the
 * dataplane to the round's state, keep that state and revision on disk, and report the revision.
 *
 * <pre>
 *   state.json (revision R) --watch?resourceVersion=R--> events ... BOOKMARK R'
 *        ^                                                        |
 *        +---- save, report R' <---- apply changed pods, remove gone pods
 * </pre>
 * A pod is re-rendered when its rules or a peer set they use changed, or when its last apply failed. A
 * connection that is silent for longer than the heartbeat timeout is taken for dead and replaced; a
 * server that fails is replaced by the next one named.
 */
final class Agent implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerClient client;
    private final Dataplane dataplane;
    private final Path stateFile;
    private final Duration heartbeatTimeout;
    private final Duration resyncInterval;
    private long lastResync = System.nanoTime();
    private final Consumer<String> log;
    private volatile boolean stopped;
    private volatile ServerClient.Watch watch;
    private volatile long lastLine;
    private volatile long enforced = -1;
    /** What the dataplane holds: the state of the last applied round (survives a broken connection). */
    private AgentState applied;

    Agent(
            ServerClient client,
            Dataplane dataplane,
            Path stateDir,
            Duration heartbeatTimeout,
            Duration resyncInterval,
            Consumer<String> log)
            throws IOException {
        this.client = client;
        this.dataplane = dataplane;
        this.stateFile = Files.createDirectories(stateDir).resolve("state.json");
        this.heartbeatTimeout = heartbeatTimeout;
        this.resyncInterval = resyncInterval;
        this.log = log;
    }

    /** The last revision whose rules are all in the dataplane (-1: none yet). */
    long enforcedRevision() {
        return enforced;
    }

    void stop() {
        stopped = true;
        closeWatch();
    }

    @Override
    public void run() {
        Thread watchdog = new Thread(this::watchHeartbeats, "agent-heartbeat-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        long backoff = 100;
        try {
            try {
                applied = AgentState.load(stateFile);
            } catch (IOException unreadable) {
                // Another version's state, or a damaged file: everything is listed and programmed anew.
                log.accept("cannot read " + stateFile + " (" + unreadable.getMessage() + "): listing everything again");
                applied = new AgentState();
            }
            if (!applied.renderer.equals(dataplane.version())) {
                // Rules applied by an older renderer may lack what this one renders (the tiers): all anew.
                lastResync = System.nanoTime() - resyncInterval.toNanos() - 1;
            }
            if (applied.revision >= 0 && applied.failed.isEmpty()) {
                enforced = applied.revision;
            }
            while (!stopped) {
                try {
                    follow();
                    backoff = 100;
                } catch (IOException e) {
                    if (stopped) {
                        break;
                    }
                    log.accept("connection to " + client.server() + " lost (" + e + "); retrying");
                    client.failOver();
                    Thread.sleep(backoff);
                    backoff = Math.min(5000, backoff * 2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watchdog.interrupt();
        }
    }

    /**
     * An object's spec as this agent's records read it. One it cannot read ends the watch before the round
     * is applied: the dataplane keeps what it enforces, and the watch is tried again, with the usual backoff.
     */
    private static <T> T read(JsonNode object, Class<T> type) throws IOException {
        try {
            return JSON.treeToValue(object.get("spec"), type);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new IOException(
                    "cannot read the " + object.path("kind").asText() + " "
                            + AgentState.podKey(object) + " the server sent (" + e.getMessage() + "); keeping what is "
                            + "enforced",
                    e);
        }
    }

    /** One watch, until it ends. */
    private void follow() throws IOException, InterruptedException {
        long from = applied.revision;
        try (ServerClient.Watch opened = client.watch(from, heartbeatTimeout)) {
            watch = opened;
            lastLine = System.nanoTime();
            if (opened.status() == 410) {
                log.accept("revision " + from + " is older than the server keeps: listing again");
                applied.revision = -1;
                return;
            }
            if (opened.status() == 504 && from >= 0) {
                // The server has not reached our revision (restored from a backup?): take its state as it is.
                log.accept("the server has not reached revision " + from + ": listing again");
                applied.revision = -1;
                return;
            }
            if (opened.status() != 200) {
                throw new IOException("watch refused: " + opened.status() + " " + opened.refusal());
            }
            log.accept(
                    from < 0
                            ? "watching node rules from a snapshot at " + client.server()
                            : "resuming node rules after revision " + from + " at " + client.server());
            AgentState working = from < 0 ? new AgentState() : applied.copy();
            BufferedReader lines = opened.lines();
            String line;
            while (!stopped && (line = lines.readLine()) != null) {
                lastLine = System.nanoTime();
                JsonNode event = JSON.readTree(line);
                JsonNode object = event.path("object");
                String kind = object.path("kind").asText();
                switch (event.path("type").asText()) {
                    case "ADDED", "MODIFIED" -> {
                        if ("PeerSet".equals(kind)) {
                            working.peerSets.put(object.at("/metadata/name").asText(), read(object, PeerSetSpec.class));
                        } else if ("PodRules".equals(kind)) {
                            working.pods.put(AgentState.podKey(object), read(object, PodRulesSpec.class));
                        }
                    }
                    case "DELETED" -> {
                        if ("PeerSet".equals(kind)) {
                            working.peerSets.remove(object.at("/metadata/name").asText());
                        } else if ("PodRules".equals(kind)) {
                            working.pods.remove(AgentState.podKey(object));
                        }
                    }
                    case "BOOKMARK" -> {
                        long revision = Long.parseLong(
                                object.at("/metadata/resourceVersion").asText());
                        applied = enforce(applied, working, revision);
                        working = applied.copy();
                        // Time spent programming is not silence from the server.
                        lastLine = System.nanoTime();
                    }
                    case "ERROR" -> {
                        log.accept("stream error: " + object.path("message").asText());
                        if (object.path("code").asInt() == 410) {
                            applied.revision = -1;
                        }
                        return;
                    }
                    default -> log.accept("ignored event " + event.path("type").asText());
                }
            }
        } finally {
            watch = null;
        }
    }

    /** Brings the dataplane from {@code applied} to {@code target}, keeps it, and reports it. */
    private AgentState enforce(AgentState applied, AgentState target, long revision) throws IOException {
        long started = System.nanoTime();
        Set<String> changedSets = new TreeSet<>();
        for (String id : union(applied.peerSets.keySet(), target.peerSets.keySet())) {
            if (!Objects.equals(applied.peerSets.get(id), target.peerSets.get(id))) {
                changedSets.add(id);
            }
        }
        Set<String> failures = new TreeSet<>();
        int rendered = 0;
        int removed = 0;
        // Now and then every pod is programmed again: a network namespace re-created under the same name
        // (a sandbox restart) or a table removed by hand gets its rules back.
        boolean resync = System.nanoTime() - lastResync > resyncInterval.toNanos();
        if (resync) {
            lastResync = System.nanoTime();
        }
        for (Map.Entry<String, PodRulesSpec> pod : target.pods.entrySet()) {
            String key = pod.getKey();
            boolean changed = resync
                    || !pod.getValue().equals(applied.pods.get(key))
                    || applied.failed.contains(key)
                    || pod.getValue().peerSets().stream().anyMatch(changedSets::contains);
            if (!changed) {
                continue;
            }
            try {
                dataplane.apply(key, pod.getValue(), target.peerSets);
                rendered++;
            } catch (Exception e) {
                failures.add(key);
                log.accept("cannot apply the rules of pod " + key + ": " + e.getMessage());
            }
        }
        Map<String, PodRulesSpec> leaving = new TreeMap<>(applied.removing);
        applied.pods.forEach((key, spec) -> {
            if (!target.pods.containsKey(key)) {
                leaving.put(key, spec);
            }
        });
        Map<String, PodRulesSpec> stillLeaving = new TreeMap<>();
        for (Map.Entry<String, PodRulesSpec> pod : leaving.entrySet()) {
            if (target.pods.containsKey(pod.getKey())) {
                continue; // back on the node: its new rules were just programmed
            }
            try {
                dataplane.remove(pod.getKey(), pod.getValue());
                removed++;
            } catch (Exception e) {
                stillLeaving.put(pod.getKey(), pod.getValue());
                failures.add(pod.getKey());
                log.accept("cannot remove the rules of pod " + pod.getKey() + ": " + e.getMessage());
            }
        }
        AgentState now = target.copy();
        now.renderer = dataplane.version();
        now.revision = revision;
        now.failed.clear();
        now.failed.addAll(failures);
        now.failed.removeAll(stillLeaving.keySet());
        now.removing.clear();
        now.removing.putAll(stillLeaving);
        now.save(stateFile);
        if (failures.isEmpty()) {
            enforced = revision;
        }
        if (rendered + removed > 0 || !failures.isEmpty()) {
            log.accept("revision " + revision + ": " + rendered + " pods programmed, " + removed + " removed"
                    + (failures.isEmpty() ? "" : ", " + failures.size() + " failed") + " in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
        report(failures);
        return now;
    }

    private void report(Set<String> failures) {
        if (enforced < 0) {
            return;
        }
        try {
            client.reportStatus(
                    enforced, failures.isEmpty() ? null : "not yet applied: " + String.join(", ", failures));
        } catch (IOException e) {
            log.accept("status report failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void watchHeartbeats() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(Math.max(50, heartbeatTimeout.toMillis() / 4));
            } catch (InterruptedException e) {
                return;
            }
            if (watch != null && System.nanoTime() - lastLine > heartbeatTimeout.toNanos()) {
                log.accept("no heartbeat for " + heartbeatTimeout + ": reconnecting");
                closeWatch();
            }
        }
    }

    private void closeWatch() {
        ServerClient.Watch open = watch;
        if (open != null) {
            open.close();
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }
}
