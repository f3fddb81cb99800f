package io.policyledger.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The pods a peer set stands for: their addresses, and the ports they name (for egress named ports). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PeerSetSpec(List<Member> members) {

    public PeerSetSpec {
        members = members == null ? List.of() : List.copyOf(members);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Member(List<String> ips, List<NamedPort> ports) {
        public Member {
            ips = ips == null ? List.of() : List.copyOf(ips);
            ports = ports == null ? List.of() : List.copyOf(ports);
        }
    }

    /** A port a member names: {@code protocol} is TCP, UDP or SCTP. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NamedPort(String name, String protocol, int port) {}
}
