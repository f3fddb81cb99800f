package io.policyledger.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One rule: traffic with {@code peer} on one of {@code ports} (or any port, {@code allPorts}) gets
 * {@code action}.
 *
 * @param action Accept, Deny or Pass for a tier's rule; absent for a NetworkPolicy entry, which accepts
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RuleEntry(
        @JsonInclude(JsonInclude.Include.NON_NULL) String action, Peer peer, boolean allPorts, List<Port> ports) {

    public RuleEntry {
        ports = ports == null ? List.of() : List.copyOf(ports);
        peer = peer == null ? Peer.UNKNOWN : peer;
    }
}
