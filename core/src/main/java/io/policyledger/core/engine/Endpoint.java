package io.policyledger.core.engine;

import io.policyledger.core.net.IpAddress;

/** One end of a connection being checked: a pod, a node (traffic from the host), or an address. */
public sealed interface Endpoint {

    record Pod(PodRef ref) implements Endpoint {
        @Override
        public String toString() {
            return "pod " + ref;
        }
    }

    record Node(String name) implements Endpoint {
        @Override
        public String toString() {
            return "node " + name;
        }
    }

    record Address(IpAddress ip) implements Endpoint {
        @Override
        public String toString() {
            return ip.toString();
        }
    }
}
