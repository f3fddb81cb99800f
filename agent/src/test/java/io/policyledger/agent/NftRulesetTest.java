package io.policyledger.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.protocol.PeerSetSpec;
import io.policyledger.protocol.PodRulesSpec;
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

        assertThat(script)
                .startsWith("# policy-ledger rules of pod x/b\ntable inet policyledger\n"
                        + "delete table inet policyledger\ntable inet policyledger {\n");
        assertThat(script)
                .contains("set ps_1_v4 {\n\t\ttype ipv4_addr\n\t\telements = { 10.1.0.1 }\n\t}")
                .contains("set ps_1_v6 {\n\t\ttype ipv6_addr\n\t\telements = { fd00::1 }\n\t}");
        String ingress = chain(script, "ingress");
        assertThat(ingress)
                .contains("type filter hook input priority 0; policy accept;")
                .contains("ct state established,related accept")
                .contains("ip saddr @ps_1_v4 tcp dport 5432 accept")
                .contains("ip6 saddr @ps_1_v6 tcp dport 5432 accept")
                .contains("ip saddr @ps_1_v4 udp dport 53-60 accept")
                .contains("ip saddr 10.0.0.0/8 ip saddr != { 10.2.0.0/16 } accept")
                .contains("sctp dport 80 accept")
                .endsWith("\t\tdrop\n\t}\n");
        assertThat(chain(script, "egress"))
                .as("not isolated: nothing but the accepting policy")
                .isEqualTo("\tchain egress {\n\t\ttype filter hook output priority 0; policy accept;\n\t}\n");
    }

    @Test
    void whatIsNotKnownIsNotAllowed() throws Exception {
        String script = NftRuleset.render("x/b", spec("""
                {"ingress": {"isolated": true, "allow": [{"peer": {"peerSet": "ps-missing"}, "allPorts": true, "ports": []}]},
                 "egress": {"isolated": true, "allow": [
                   {"peer": {"cidr": "0.0.0.0/0", "except": []}, "allPorts": false, "ports": [{"protocol": "TCP", "name": "http"}]}]}}"""), Map.of());
        assertThat(script)
                .as("a peer set the agent does not have is an empty set")
                .contains("set ps_missing_v4 {\n\t\ttype ipv4_addr\n\t}");
        assertThat(chain(script, "egress"))
                .as("a named port of peers that are not pods matches nothing")
                .doesNotContain("dport")
                .contains("matches nothing")
                .endsWith("\t\tdrop\n\t}\n");
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
        assertThat(chain(script, "egress"))
                .contains("ip daddr . tcp dport { 10.1.0.1 . 8080, 10.1.0.2 . 80 } accept")
                .doesNotContain("10.1.0.3");
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
        assertThat(chain(script, "ingress"))
                .contains("\t\tjump ingress_admin\n\t\tip saddr @ps_1_v4 accept\n"
                        + "\t\tip6 saddr @ps_1_v6 accept\n\t\tdrop\n\t}")
                .doesNotContain("baseline");
        assertThat(chain(script, "ingress_admin"))
                .isEqualTo("\tchain ingress_admin {\n"
                        + "\t\tip saddr @ps_1_v4 return\n\t\tip6 saddr @ps_1_v6 return\n"
                        + "\t\ttcp dport 22 drop\n"
                        + "\t\tip saddr 10.9.0.0/16 accept\n\t}\n");
        // Egress is not isolated: the Baseline tier decides, then the chain's policy accepts.
        assertThat(chain(script, "egress"))
                .contains("ct state established,related accept")
                .endsWith("\t\tjump egress_baseline\n\t}\n");
        assertThat(chain(script, "egress_baseline"))
                .isEqualTo("\tchain egress_baseline {\n"
                        + "\t\t# Deny of a peer set this agent does not have: everything is refused\n\t\tdrop\n"
                        + "\t\tip daddr . udp dport { 10.1.0.1 . 5353 } accept\n\t}\n");
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
        assertThat(chain(script, "ingress"))
                .contains("\t\t# a peer this agent does not know: matches nothing\n\t\tdrop\n")
                .doesNotContain(" accept\n\t\tdrop");
        assertThat(chain(script, "ingress_admin"))
                .isEqualTo("\tchain ingress_admin {\n"
                        + "\t\t# Deny of a peer this agent does not know: everything is refused\n\t\tdrop\n"
                        + "\t\tdrop\n\t}\n");
    }

    private static String chain(String script, String name) {
        int start = script.indexOf("\tchain " + name + " {");
        return script.substring(start, script.indexOf("\t}\n", start) + 3);
    }

    private static PodRulesSpec spec(String json) throws Exception {
        return JSON.readValue(json, PodRulesSpec.class);
    }

    private static PeerSetSpec peerSet(String json) throws Exception {
        return JSON.readValue(json, PeerSetSpec.class);
    }
}
