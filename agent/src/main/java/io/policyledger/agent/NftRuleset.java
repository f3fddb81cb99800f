package io.policyledger.agent;

import io.policyledger.protocol.DirectionRules;
import io.policyledger.protocol.Peer;
import io.policyledger.protocol.PeerSetSpec;
import io.policyledger.protocol.PodRulesSpec;
import io.policyledger.protocol.Port;
import io.policyledger.protocol.RuleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders one pod's rules as an nftables script for the pod's own network namespace: one table with an
 * ingress chain (hook input) and an egress chain (hook output), a chain per ClusterNetworkPolicy tier in
 * use, and named sets for the peer sets' addresses. The script replaces the table in one transaction
 * ({@code nft -f}: add, delete, define), so applying it is atomic and applying it twice changes nothing.
 *
 * <pre>
 *   chain ingress (hook input), in the order the server evaluates (VerdictChain):
 *     established/related, loopback, IPv6 neighbour discovery: accepted
 *     jump ingress_admin      Admin tier: Accept -> accept, Deny -> drop, Pass -> return
 *     each allow: peer (set, CIDR minus exceptions, anyone) x port (number, range, or all)  -> accept
 *     isolated by NetworkPolicies: drop what no allow accepted
 *     jump ingress_baseline   Baseline tier: Accept -> accept, Deny -> drop, Pass -> return
 *     otherwise (policy): accept
 * </pre>
 * An Accept that refers to a peer set the agent does not have, or to a named port no peer defines,
 * matches nothing: what is not known is not allowed. A Deny or Pass that refers to a peer set the agent
 * does not have drops everything, for the same reason.
 */
final class NftRuleset {

    static final String TABLE = "inet policyledger";
    /** Changes when what a spec renders to changes: an agent resumed from an older one's state renders all anew. */
    static final int VERSION = 2;

    private NftRuleset() {}

    static String render(String pod, PodRulesSpec spec, Map<String, PeerSetSpec> peerSets) {
        StringBuilder out = new StringBuilder();
        out.append("# policy-ledger rules of pod ").append(pod).append('\n');
        out.append("table ").append(TABLE).append('\n');
        out.append("delete table ").append(TABLE).append('\n');
        out.append("table ").append(TABLE).append(" {\n");
        for (String id : spec.peerSets()) {
            PeerSetSpec set = peerSets.get(id);
            Set<String> v4 = new TreeSet<>();
            Set<String> v6 = new TreeSet<>();
            if (set != null) {
                set.members().forEach(m -> m.ips().forEach(ip -> (isV6(ip) ? v6 : v4).add(ip)));
            }
            declareSet(out, setName(id, false), "ipv4_addr", v4);
            declareSet(out, setName(id, true), "ipv6_addr", v6);
        }
        chain(out, "ingress", "input", "iifname", "saddr", spec.ingress(), peerSets);
        chain(out, "egress", "output", "oifname", "daddr", spec.egress(), peerSets);
        out.append("}\n");
        return out.toString();
    }

    private static void declareSet(StringBuilder out, String name, String type, Set<String> elements) {
        out.append("\tset ").append(name).append(" {\n\t\ttype ").append(type).append('\n');
        if (!elements.isEmpty()) {
            out.append("\t\telements = { ").append(String.join(", ", elements)).append(" }\n");
        }
        out.append("\t}\n");
    }

    private static void chain(
            StringBuilder out,
            String name,
            String hook,
            String loopback,
            String peerField,
            DirectionRules direction,
            Map<String, PeerSetSpec> peerSets) {
        boolean isolated = direction.isolated();
        boolean admin = !direction.admin().isEmpty();
        boolean baseline = !direction.baseline().isEmpty();
        out.append("\tchain ").append(name).append(" {\n");
        out.append("\t\ttype filter hook ").append(hook).append(" priority 0; policy accept;\n");
        if (isolated || admin || baseline) {
            out.append("\t\tct state established,related accept\n");
            out.append("\t\t").append(loopback).append(" \"lo\" accept\n");
            // Neighbour discovery and multicast listener messages: IPv6 itself, not traffic between pods.
            out.append("\t\ticmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, "
                    + "nd-router-advert, mld-listener-query, mld-listener-report, mld-listener-done, "
                    + "mld2-listener-report } accept\n");
        }
        if (admin) {
            out.append("\t\tjump ").append(name).append("_admin\n");
        }
        if (isolated) {
            for (RuleEntry allow : direction.allow()) {
                for (String rule : rules(allow, peerField, peerSets, "accept")) {
                    out.append("\t\t").append(rule).append('\n');
                }
            }
            out.append("\t\tdrop\n");
        } else if (baseline) {
            out.append("\t\tjump ").append(name).append("_baseline\n");
        }
        out.append("\t}\n");
        if (admin) {
            tierChain(out, name + "_admin", direction.admin(), peerField, peerSets);
        }
        if (baseline) {
            tierChain(out, name + "_baseline", direction.baseline(), peerField, peerSets);
        }
    }

    /** A tier's rules in order: the first that matches decides; Pass returns to the next tier. */
    private static void tierChain(
            StringBuilder out,
            String name,
            List<RuleEntry> rules,
            String peerField,
            Map<String, PeerSetSpec> peerSets) {
        out.append("\tchain ").append(name).append(" {\n");
        for (RuleEntry rule : rules) {
            // A tier rule without an action this agent knows is taken for a Deny: what is not known is not allowed.
            String action = rule.action() == null ? "" : rule.action();
            String verdict = switch (action) {
                case "Accept" -> "accept";
                case "Pass" -> "return";
                default -> "drop";
            };
            Peer peer = rule.peer();
            boolean unknownKind = !knows(peer);
            boolean missingSet = peer.peerSet() != null && !peerSets.containsKey(peer.peerSet());
            if (!verdict.equals("accept") && (unknownKind || missingSet)) {
                out.append("\t\t# ")
                        .append(action.isEmpty() ? "A rule" : action)
                        .append(
                                unknownKind
                                        ? " of a peer this agent does not know: everything is refused\n"
                                        : " of a peer set this agent does not have: everything is refused\n");
                out.append("\t\tdrop\n");
                continue;
            }
            for (String line : rules(rule, peerField, peerSets, verdict)) {
                out.append("\t\t").append(line).append('\n');
            }
        }
        out.append("\t}\n");
    }

    private static List<String> rules(
            RuleEntry entry, String field, Map<String, PeerSetSpec> peerSets, String verdict) {
        List<String> rules = new ArrayList<>();
        Peer peer = entry.peer();
        List<Port> ports = new ArrayList<>(entry.ports());
        if (entry.allPorts()) {
            ports = new ArrayList<>();
            ports.add(null);
        }
        if (!knows(peer)) {
            return List.of("# a peer this agent does not know: matches nothing");
        }
        for (Port port : ports) {
            if (port != null && port.byName()) {
                rules.addAll(namedPortRules(peer, port, field, peerSets, verdict));
                continue;
            }
            String match = port == null ? "" : " " + portMatch(port);
            if (peer.peerSet() != null) {
                String id = peer.peerSet();
                rules.add("ip " + field + " @" + setName(id, false) + match + " " + verdict);
                rules.add("ip6 " + field + " @" + setName(id, true) + match + " " + verdict);
            } else if (peer.cidr() != null) {
                String cidr = peer.cidr();
                String family = isV6(cidr) ? "ip6" : "ip";
                StringBuilder rule = new StringBuilder(family + " " + field + " " + cidr);
                List<String> except = peer.except() == null ? List.of() : peer.except();
                if (!except.isEmpty()) {
                    rule.append(' ')
                            .append(family)
                            .append(' ')
                            .append(field)
                            .append(" != { ")
                            .append(String.join(", ", except))
                            .append(" }");
                }
                rules.add(rule + match + " " + verdict);
            } else {
                rules.add((match.isEmpty() ? "" : match.substring(1) + " ") + verdict);
            }
        }
        return rules;
    }

    /** An egress port named by the destination: each member of the peer set that names it, at its number. */
    private static List<String> namedPortRules(
            Peer peer, Port port, String field, Map<String, PeerSetSpec> peerSets, String verdict) {
        String protocol = port.protocolOrTcp().toLowerCase();
        String name = port.name();
        PeerSetSpec set = peer.peerSet() != null ? peerSets.get(peer.peerSet()) : null;
        if (set == null) {
            return List.of("# " + protocol + " port \"" + name + "\" of peers that are not pods: matches nothing");
        }
        Set<String> v4 = new TreeSet<>();
        Set<String> v6 = new TreeSet<>();
        for (PeerSetSpec.Member member : set.members()) {
            for (PeerSetSpec.NamedPort named : member.ports()) {
                if (name.equals(named.name()) && protocol.equalsIgnoreCase(named.protocol())) {
                    member.ips().forEach(ip -> (isV6(ip) ? v6 : v4).add(ip + " . " + named.port()));
                }
            }
        }
        List<String> rules = new ArrayList<>();
        if (!v4.isEmpty()) {
            rules.add("ip " + field + " . " + protocol + " dport { " + String.join(", ", v4) + " } " + verdict);
        }
        if (!v6.isEmpty()) {
            rules.add("ip6 " + field + " . " + protocol + " dport { " + String.join(", ", v6) + " } " + verdict);
        }
        return rules;
    }

    private static String portMatch(Port port) {
        String protocol = port.protocolOrTcp().toLowerCase();
        int from = port.port() == null ? 0 : port.port();
        int to = port.endPort() == null ? from : port.endPort();
        return protocol + " dport " + (to > from ? from + "-" + to : Integer.toString(from));
    }

    /** A peer of a kind this agent renders: a peer set, an address range, or anyone (said so explicitly). */
    private static boolean knows(Peer peer) {
        return peer.peerSet() != null || peer.cidr() != null || Boolean.TRUE.equals(peer.anyone());
    }

    static String setName(String peerSetId, boolean v6) {
        String name = peerSetId.replaceAll("[^A-Za-z0-9]", "_");
        return (Character.isLetter(name.charAt(0)) ? name : "s_" + name) + (v6 ? "_v6" : "_v4");
    }

    private static boolean isV6(String address) {
        return address.contains(":");
    }
}
