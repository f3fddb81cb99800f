package io.policyledger.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One pod's rules on its node: its addresses, and per direction what the server decided, in the order the
 * server evaluates it (Admin tier, NetworkPolicy entries when isolated, Baseline tier).
 *
 * @param uid   the pod's uid: a new one means a new pod (and network namespace) of the same name
 * @param netns the network namespace the pod names for itself (trusted only if the agent is told to)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodRulesSpec(
        String node, String uid, String netns, List<String> ips, DirectionRules ingress, DirectionRules egress) {

    public PodRulesSpec {
        ips = ips == null ? List.of() : List.copyOf(ips);
        ingress = ingress == null ? DirectionRules.OPEN : ingress;
        egress = egress == null ? DirectionRules.OPEN : egress;
    }

    /** The peer sets these rules refer to: a change of one of them changes what the rules admit. */
    public Set<String> peerSets() {
        Set<String> out = new TreeSet<>();
        for (DirectionRules direction : List.of(ingress, egress)) {
            for (List<RuleEntry> list : List.of(direction.admin(), direction.allow(), direction.baseline())) {
                list.stream()
                        .map(e -> e.peer().peerSet())
                        .filter(id -> id != null)
                        .forEach(out::add);
            }
        }
        return out;
    }
}
