package io.policyledger.app.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** What an agent holds after applying a node's watch events: objects by kind/namespace/name, and the revision. */
public final class NodeModel {

    public final Map<String, JsonNode> specs = new TreeMap<>();
    public long revision = -1;

    static String key(JsonNode object) {
        return object.path("kind").asText() + " "
                + object.at("/metadata/namespace").asText("") + "/"
                + object.at("/metadata/name").asText();
    }

    /** Applies events; a peer set must be known before a rule set referring to it arrives. */
    public NodeModel apply(List<JsonNode> events) {
        for (JsonNode event : events) {
            JsonNode object = event.get("object");
            switch (event.get("type").asText()) {
                case "ADDED", "MODIFIED" -> {
                    if ("PodRules".equals(object.path("kind").asText())) {
                        for (String peerSet : object.findValuesAsText("peerSet")) {
                            if (!specs.containsKey("PeerSet /" + peerSet)) {
                                throw new AssertionError("rule set " + key(object) + " arrived before its peer set "
                                        + peerSet + ": " + events);
                            }
                        }
                    }
                    specs.put(key(object), object.get("spec"));
                }
                case "DELETED" -> {
                    if (specs.remove(key(object)) == null) {
                        throw new AssertionError("deleted what was not there: " + key(object));
                    }
                }
                case "BOOKMARK" ->
                    revision = Long.parseLong(
                            object.at("/metadata/resourceVersion").asText());
                default -> throw new AssertionError("unexpected event " + event);
            }
        }
        return this;
    }

    /**
     * Follows a watch as an agent does: each round is applied when its bookmark arrives, and what came
     * after the last bookmark (a round the connection cut short) is dropped. Stops at the end of the stream
     * ({@code next} answers null) or after the event {@code last} accepts.
     */
    public NodeModel followRounds(Callable<JsonNode> next, Predicate<JsonNode> last) throws Exception {
        List<JsonNode> round = new ArrayList<>();
        for (JsonNode e = next.call(); e != null; e = next.call()) {
            round.add(e);
            if ("BOOKMARK".equals(e.path("type").asText())) {
                apply(round);
                round.clear();
            }
            if (last.test(e)) {
                break;
            }
        }
        return this;
    }

    /** The bookmark that ends a watch's initial list. */
    public static boolean isInitialEventsEnd(JsonNode e) {
        return "BOOKMARK".equals(e.path("type").asText())
                && "true"
                        .equals(e.at("/object/metadata/annotations/k8s.io~1initial-events-end")
                                .asText());
    }

    /** The model a list answer describes. */
    public static NodeModel ofList(JsonNode list) {
        NodeModel model = new NodeModel();
        list.get("items").forEach(item -> model.specs.put(key(item), item.get("spec")));
        model.revision = Long.parseLong(list.at("/metadata/resourceVersion").asText());
        return model;
    }

    /** Every peer set still referred to, and none that is not. */
    void assertPeerSetsReferenced() {
        for (String key : specs.keySet()) {
            if (key.startsWith("PeerSet ")) {
                String id = key.substring("PeerSet /".length());
                boolean used = specs.values().stream()
                        .anyMatch(spec -> spec.findValuesAsText("peerSet").contains(id));
                if (!used) {
                    throw new AssertionError(
                            "peer set " + id + " kept though no rule set refers to it: " + specs.keySet());
                }
            }
        }
    }
}
