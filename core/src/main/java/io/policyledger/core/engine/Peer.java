package io.policyledger.core.engine;

import io.policyledger.core.net.Cidr;
import java.util.List;

/** Who a rule admits: pods of a peer set, or an address range. */
public sealed interface Peer {

    record Pods(PeerSetKey set) implements Peer {}

    record Addresses(Cidr cidr, List<Cidr> except) implements Peer {

        public Addresses {
            except = except == null ? List.of() : List.copyOf(except);
        }
    }
}
