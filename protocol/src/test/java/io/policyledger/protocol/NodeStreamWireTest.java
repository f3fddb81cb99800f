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
}
