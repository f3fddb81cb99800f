package io.policyledger.core.engine;

import java.util.List;

/** The pods a {@link PeerSetKey} selects now, with what rules need of them: addresses and named ports. */
public record PeerSet(String id, PeerSetKey key, List<EnginePod> members) {

    public PeerSet {
        members = List.copyOf(members);
    }
}
