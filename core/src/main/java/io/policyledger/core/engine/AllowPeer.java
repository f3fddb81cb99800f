package io.policyledger.core.engine;

import io.policyledger.core.net.Cidr;
import java.util.List;

/** The other end of an allowed connection: anyone, the pods of a peer set, or an address range. */
public sealed interface AllowPeer {

    AllowPeer ANYONE = new Anyone();

    record Anyone() implements AllowPeer {
        @Override
        public String toString() {
            return "anyone";
        }
    }

    record PeerSetMembers(String peerSetId) implements AllowPeer {
        @Override
        public String toString() {
            return peerSetId;
        }
    }

    record Range(Cidr cidr, List<Cidr> except) implements AllowPeer {

        public Range {
            except = List.copyOf(except);
        }

        @Override
        public String toString() {
            return cidr + (except.isEmpty() ? "" : " except " + except);
        }
    }
}
