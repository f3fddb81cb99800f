package io.policyledger.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The node stream's wire form, pinned: agents already deployed read exactly this, so a change here is a
 * change of the protocol (and needs an agent that reads both).
 */
class NodeStreamWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final PodRulesSpec POD = new PodRulesSpec(
            "node-1",
            "uid-1",
            null,
            List.of("10.0.0.1"),
            new DirectionRules(
                    true,
                    List.of(
                            new RuleEntry(
                                    null,
                                    Peer.set("ps-1"),
                                    false,
                                    List.of(Port.number("TCP", 80, 80), Port.number("UDP", 53, 60))),
                            new RuleEntry(null, Peer.range("10.0.0.0/8", List.of("10.2.0.0/16")), true, List.of())),
                    List.of(new RuleEntry("Deny", Peer.everyone(), true, List.of())),
                    List.of()),
            new DirectionRules(
                    false,
                    List.of(),
                    List.of(),
                    List.of(new RuleEntry("Pass", Peer.set("ps-2"), false, List.of(Port.named("TCP", "http"))))));

    @Test
    void podRulesHaveTheWireFormAgentsRead() throws Exception {
        assertThat(JSON.writeValueAsString(POD))
                .isEqualTo("{\"node\":\"node-1\",\"uid\":\"uid-1\",\"ips\":[\"10.0.0.1\"],"
                        + "\"ingress\":{\"isolated\":true,\"allow\":["
                        + "{\"peer\":{\"peerSet\":\"ps-1\"},\"allPorts\":false,\"ports\":[{\"protocol\":\"TCP\",\"port\":80},"
                        + "{\"protocol\":\"UDP\",\"port\":53,\"endPort\":60}]},"
                        + "{\"peer\":{\"cidr\":\"10.0.0.0/8\",\"except\":[\"10.2.0.0/16\"]},\"allPorts\":true,\"ports\":[]}],"
                        + "\"admin\":[{\"action\":\"Deny\",\"peer\":{\"anyone\":true},\"allPorts\":true,\"ports\":[]}]},"
                        + "\"egress\":{\"isolated\":false,\"allow\":[],"
                        + "\"baseline\":[{\"action\":\"Pass\",\"peer\":{\"peerSet\":\"ps-2\"},\"allPorts\":false,"
                        + "\"ports\":[{\"protocol\":\"TCP\",\"name\":\"http\"}]}]}}");
        assertThat(JSON.readValue(JSON.writeValueAsString(POD), PodRulesSpec.class))
                .isEqualTo(POD);
    }

    @Test
    void fieldsAReaderDoesNotKnowAreIgnoredAndMissingListsAreEmpty() throws Exception {
        PodRulesSpec read = JSON.readValue(
                "{\"node\":\"n\",\"ips\":[],\"future\":{\"x\":1},\"ingress\":{\"isolated\":true,\"allow\":[],"
                        + "\"tier3\":[]},\"egress\":{\"isolated\":false}}",
                PodRulesSpec.class);
        assertThat(read.ingress().isolated()).isTrue();
        assertThat(read.egress().allow()).isEmpty();
        assertThat(read.egress().admin()).isEmpty();
        assertThat(POD.peerSets()).containsExactly("ps-1", "ps-2");
    }

    @Test
    void peerSetsHaveTheWireFormAgentsRead() throws Exception {
        PeerSetSpec set = new PeerSetSpec(List.of(new PeerSetSpec.Member(
                List.of("10.0.0.1", "fd00::1"), List.of(new PeerSetSpec.NamedPort("http", "TCP", 8080)))));
        assertThat(JSON.writeValueAsString(set))
                .isEqualTo("{\"members\":[{\"ips\":[\"10.0.0.1\",\"fd00::1\"],"
                        + "\"ports\":[{\"name\":\"http\",\"protocol\":\"TCP\",\"port\":8080}]}]}");
        assertThat(JSON.readValue(JSON.writeValueAsString(set), PeerSetSpec.class))
                .isEqualTo(set);
    }

    @Test
    void theFleetAndTheAgentsReportHaveTheirWireForms() throws Exception {
        assertThat(JSON.writeValueAsString(NodeStatusReport.of(42, null)))
                .isEqualTo("{\"status\":{\"enforcedRevision\":42}}");
        NodeView.Node reported = NodeView.Node.of(
                "node-1", new NodeView.Status(3, 40L, 2L, "2026-12-07T05:00:00Z", "agent-1", null, false));
        NodeView.Node silent = NodeView.Node.of("node-2", new NodeView.Status(1, null, null, null, null, null, false));
        assertThat(JSON.writeValueAsString(NodeView.NodeList.of(
                        42,
                        new NodeView.Summary(
                                42, 0, 2, "revision 42 is enforced on 0 of 2 nodes", List.of("node-1", "node-2")),
                        List.of(reported, silent))))
                .isEqualTo("{\"apiVersion\":\"policyledger.io/v1\",\"kind\":\"NodeList\","
                        + "\"metadata\":{\"resourceVersion\":\"42\"},\"summary\":{\"revision\":42,\"enforced\":0,"
                        + "\"total\":2,\"message\":\"revision 42 is enforced on 0 of 2 nodes\","
                        + "\"lagging\":[\"node-1\",\"node-2\"]},\"items\":["
                        + "{\"apiVersion\":\"policyledger.io/v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"node-1\"},"
                        + "\"status\":{\"pods\":3,\"enforcedRevision\":40,\"lag\":2,\"lastContact\":\"2026-12-07T05:00:00Z\","
                        + "\"reportedBy\":\"agent-1\",\"enforcesCurrentRules\":false}},"
                        + "{\"apiVersion\":\"policyledger.io/v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"node-2\"},"
                        + "\"status\":{\"pods\":1,\"enforcesCurrentRules\":false}}]}");
    }
}
