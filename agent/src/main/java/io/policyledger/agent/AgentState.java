package io.policyledger.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the agent holds of its node's stream: the peer sets and pods' rules (their specs), the revision
 * they reflect, and the pods whose rules could not be applied yet. Kept on disk after every applied round,
 * so a restarted agent resumes from its revision instead of asking for everything again.
 */
final class AgentState {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, JsonNode> peerSets = new TreeMap<>();
    /** Pods' rule specs by "namespace/name". */
    final Map<String, JsonNode> pods = new TreeMap<>();
    /** Pods whose last rules are not in the dataplane (e.g. their network namespace is not there yet). */
    final Set<String> failed = new TreeSet<>();
    /** Pods that left the node but whose rules could not be taken out yet, with their last rules. */
    final Map<String, JsonNode> removing = new TreeMap<>();

    long revision = -1;
    /** The {@link NftRuleset#VERSION} that rendered what the dataplane holds (0: before versions were kept). */
    int renderer;

    AgentState copy() {
        AgentState copy = new AgentState();
        copy.peerSets.putAll(peerSets);
        copy.pods.putAll(pods);
        copy.failed.addAll(failed);
        copy.removing.putAll(removing);
        copy.revision = revision;
        copy.renderer = renderer;
        return copy;
    }

    static AgentState load(Path file) throws IOException {
        AgentState rules = new AgentState();
        if (!Files.exists(file)) {
            return rules;
        }
        JsonNode root = JSON.readTree(file.toFile());
        root.path("peerSets").fields().forEachRemaining(e -> rules.peerSets.put(e.getKey(), e.getValue()));
        root.path("pods").fields().forEachRemaining(e -> rules.pods.put(e.getKey(), e.getValue()));
        root.path("failed").forEach(f -> rules.failed.add(f.asText()));
        root.path("removing").fields().forEachRemaining(e -> rules.removing.put(e.getKey(), e.getValue()));
        rules.revision = root.path("revision").asLong(-1);
        rules.renderer = root.path("renderer").asInt(0);
        return rules;
    }

    /** Written whole to a temporary file, then moved over the old one: a crash leaves one or the other. */
    void save(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("revision", revision).put("renderer", renderer);
        ObjectNode sets = root.putObject("peerSets");
        peerSets.forEach(sets::set);
        ObjectNode rules = root.putObject("pods");
        pods.forEach(rules::set);
        failed.forEach(root.putArray("failed")::add);
        ObjectNode leaving = root.putObject("removing");
        removing.forEach(leaving::set);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, root.toString());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String podKey(JsonNode object) {
        return object.at("/metadata/namespace").asText() + "/"
                + object.at("/metadata/name").asText();
    }

    /** The peer sets a pod's rules refer to. */
    static Set<String> peerSetsOf(JsonNode podSpec) {
        Set<String> out = new TreeSet<>();
        podSpec.findValuesAsText("peerSet").forEach(out::add);
        return out;
    }
}
