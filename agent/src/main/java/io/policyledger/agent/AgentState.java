package io.policyledger.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.protocol.PeerSetSpec;
import io.policyledger.protocol.PodRulesSpec;
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

    final Map<String, PeerSetSpec> peerSets = new TreeMap<>();
    /** Pods' rule specs by "namespace/name". */
    final Map<String, PodRulesSpec> pods = new TreeMap<>();
    /** Pods whose last rules are not in the dataplane (e.g. their network namespace is not there yet). */
    final Set<String> failed = new TreeSet<>();
    /** Pods that left the node but whose rules could not be taken out yet, with their last rules. */
    final Map<String, PodRulesSpec> removing = new TreeMap<>();

    long revision = -1;
    /** The {@link NftRuleset#VERSION} that rendered what the dataplane holds (0: before versions were kept). */
    String renderer = "";

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
        for (var e : iterable(root.path("peerSets"))) {
            rules.peerSets.put(e.getKey(), JSON.treeToValue(e.getValue(), PeerSetSpec.class));
        }
        for (var e : iterable(root.path("pods"))) {
            rules.pods.put(e.getKey(), JSON.treeToValue(e.getValue(), PodRulesSpec.class));
        }
        root.path("failed").forEach(f -> rules.failed.add(f.asText()));
        for (var e : iterable(root.path("removing"))) {
            rules.removing.put(e.getKey(), JSON.treeToValue(e.getValue(), PodRulesSpec.class));
        }
        rules.revision = root.path("revision").asLong(-1);
        rules.renderer = root.path("renderer").asText("");
        return rules;
    }

    /** Written whole to a temporary file, then moved over the old one: a crash leaves one or the other. */
    void save(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("revision", revision).put("renderer", renderer);
        ObjectNode sets = root.putObject("peerSets");
        peerSets.forEach((id, set) -> sets.set(id, JSON.valueToTree(set)));
        ObjectNode rules = root.putObject("pods");
        pods.forEach((pod, spec) -> rules.set(pod, JSON.valueToTree(spec)));
        failed.forEach(root.putArray("failed")::add);
        ObjectNode leaving = root.putObject("removing");
        removing.forEach((pod, spec) -> leaving.set(pod, JSON.valueToTree(spec)));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, root.toString());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String podKey(JsonNode object) {
        return object.at("/metadata/namespace").asText() + "/"
                + object.at("/metadata/name").asText();
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
