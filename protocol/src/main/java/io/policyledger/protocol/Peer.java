package io.policyledger.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Whom a rule is about: the members of a peer set ({@code peerSet}), an address range less its
 * exceptions ({@code cidr}, {@code except}), or anyone ({@code anyone: true}). Exactly one is given.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Peer(String peerSet, String cidr, List<String> except, Boolean anyone) {

    /** None of the kinds this version knows (a newer server's kind, or none given): readers fail closed on it. */
    public static final Peer UNKNOWN = new Peer(null, null, null, null);

    public static Peer set(String id) {
        return new Peer(id, null, null, null);
    }

    public static Peer range(String cidr, List<String> except) {
        return new Peer(null, cidr, List.copyOf(except), null);
    }

    public static Peer everyone() {
        return new Peer(null, null, null, true);
    }
}
