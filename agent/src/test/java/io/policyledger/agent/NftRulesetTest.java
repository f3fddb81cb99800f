package io.policyledger.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.protocol.PeerSetSpec;
import io.policyledger.protocol.PodRulesSpec;
import io.policyledger.testing.GoldenFile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a pod's rules become in nftables (the E2E test shows the scripts work in a real kernel). */
class NftRulesetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anIsolatedDirectionAcceptsItsAllowsThenDrops() throws Exception {
        String script = NftRuleset.render(
                "x/b",
                spec("""
                {"ingress": {"isolated": true, "allow": [
                   {"peer": {"peerSet": "ps-1"}, "allPorts": false, "ports": [{"protocol": "TCP", "port": 5432},
                                                                          {"protocol": "UDP", "port": 53, "endPort": 60}]},
                   {"peer": {"cidr": "10.0.0.0/8", "except": ["10.2.0.0/16"]}, "allPorts": true, "ports": []},
                   {"peer": {"anyone": true}, "allPorts": false, "ports": [{"protocol": "SCTP", "port": 80}]}]},
                 "egress": {"isolated": false, "allow": []}}"""),
                Map.of("ps-1", peerSet("{\"members\": [{\"ips\": [\"10.1.0.1\", \"fd00::1\"], \"ports\": []}]}")));

        assertGolden("anIsolatedDirectionAcceptsItsAllowsThenDrops", script);
    }

    @Test
    void whatIsNotKnownIsNotAllowed() throws Exception {
        String script = NftRuleset.render("x/b", spec("""
                {"ingress": {"isolated": true, "allow": [{"peer": {"peerSet": "ps-missing"}, "allPorts": true, "ports": []}]},
                 "egress": {"isolated": true, "allow": [
                   {"peer": {"cidr": "0.0.0.0/0", "except": []}, "allPorts": false, "ports": [{"protocol": "TCP", "name": "http"}]}]}}"""), Map.of());
        assertGolden("whatIsNotKnownIsNotAllowed", script);
    }

    @Test
    void anEgressNamedPortIsEachMembersOwnNumber() throws Exception {
        String script = NftRuleset.render("x/a", spec("""
                {"ingress": {"isolated": false, "allow": []},
                 "egress": {"isolated": true, "allow": [
                   {"peer": {"peerSet": "ps-2"}, "allPorts": false, "ports": [{"protocol": "TCP", "name": "http"}]}]}}"""), Map.of("ps-2", peerSet("""
                        {"members": [{"ips": ["10.1.0.1"], "ports": [{"name": "http", "protocol": "TCP", "port": 8080}]},
                                     {"ips": ["10.1.0.2"], "ports": [{"name": "http", "protocol": "TCP", "port": 80}]},
                                     {"ips": ["10.1.0.3"], "ports": [{"name": "http", "protocol": "UDP", "port": 80}]}]}""")));
        assertGolden("anEgressNamedPortIsEachMembersOwnNumber", script);
    }

    @Test
    void tiersAreChainsJumpedToInTheServersOrder() throws Exception {
        String script = NftRuleset.render(
                "x/b",
                spec("""
                {"ingress": {"isolated": true,
                   "admin": [{"action": "Pass", "peer": {"peerSet": "ps-1"}, "allPorts": true, "ports": []},
                             {"action": "Deny", "peer": {"anyone": true}, "allPorts": false, "ports": [{"protocol": "TCP", "port": 22}]},
                             {"action": "Accept", "peer": {"cidr": "10.9.0.0/16", "except": []}, "allPorts": true, "ports": []}],
                   "allow": [{"peer": {"peerSet": "ps-1"}, "allPorts": true, "ports": []}],
                   "baseline": [{"action": "Deny", "peer": {"anyone": true}, "allPorts": true, "ports": []}]},
                 "egress": {"isolated": false, "allow": [],
                   "baseline": [{"action": "Deny", "peer": {"peerSet": "ps-gone"}, "allPorts": true, "ports": []},
                                {"action": "Accept", "peer": {"peerSet": "ps-1"}, "allPorts": false,
                                 "ports": [{"protocol": "UDP", "name": "dns"}]}]}}"""),
                Map.of(
                        "ps-1",
                        peerSet("{\"members\": [{\"ips\": [\"10.1.0.1\"], \"ports\": [{\"name\": \"dns\", "
                                + "\"protocol\": \"UDP\", \"port\": 5353}]}]}")));

        // Ingress: Admin first; an isolated direction's NetworkPolicies decide, so Baseline is never reached.
        assertGolden("tiersAreChainsJumpedToInTheServersOrder", script);
    }

    @Test
    void whatThisAgentDoesNotKnowIsNotAllowed() throws Exception {
        // A newer server's peer kind (unknown fields are ignored), and a tier rule without an action.
        String script = NftRuleset.render("x/c", spec("""
                {"ingress": {"isolated": true, "allow": [
                   {"peer": {"nodes": {"role": "edge"}}, "allPorts": true, "ports": []}],
                   "admin": [{"action": "Deny", "peer": {"nodes": {"role": "edge"}}, "allPorts": true, "ports": []},
                             {"peer": {"anyone": true}, "allPorts": true, "ports": []}]},
                 "egress": {"isolated": false, "allow": []}}"""), Map.of());
        assertGolden("whatThisAgentDoesNotKnowIsNotAllowed", script);
    }

    /**
     * The whole script against its reviewed copy in {@code src/test/resources/nft/} (rewrite them with
     * {@code -Dgolden.update=true} after an intended change, and review the diff).
     */
    private static void assertGolden(String name, String script) {
        GoldenFile.assertMatches(Path.of("src/test/resources/nft", name + ".nft"), script);
    }

    private static PodRulesSpec spec(String json) throws Exception {
        return JSON.readValue(json, PodRulesSpec.class);
    }

    private static PeerSetSpec peerSet(String json) throws Exception {
        return JSON.readValue(json, PeerSetSpec.class);
    }
}
