package io.policyledger.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The fleet as the server shows it ({@code GET …/nodes}, {@code …/nodes/{node}}): each node's pods and
 * what its agent last reported, and whether it enforces a revision.
 */
public final class NodeView {

    public static final String API_VERSION = "policyledger.io/v1";

    private NodeView() {}

    /** One node ({@code kind: Node}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Node(String apiVersion, String kind, Metadata metadata, Status status) {
        public static Node of(String name, Status status) {
            return new Node(API_VERSION, "Node", new Metadata(name, null), status);
        }
    }

    /** The nodes with a summary ({@code kind: NodeList}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NodeList(String apiVersion, String kind, Metadata metadata, Summary summary, List<Node> items) {
        public static NodeList of(long resourceVersion, Summary summary, List<Node> items) {
            return new NodeList(
                    API_VERSION, "NodeList", new Metadata(null, Long.toString(resourceVersion)), summary, items);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metadata(String name, String resourceVersion) {}

    /**
     * @param lag              revisions between what the node enforces and the rules' current one
     * @param reportedBy       who reported (not shown to tenants)
     * @param message          what the agent said went wrong (not shown to tenants)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(
            int pods,
            Long enforcedRevision,
            Long lag,
            String lastContact,
            String reportedBy,
            String message,
            boolean enforcesCurrentRules) {}

    /** "revision R is enforced on N of M nodes", and the nodes that do not. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Summary(long revision, long enforced, int total, String message, List<String> lagging) {}
}
