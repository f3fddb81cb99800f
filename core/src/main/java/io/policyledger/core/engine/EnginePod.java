package io.policyledger.core.engine;

import io.policyledger.core.net.IpAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A pod as the engine sees it: labels, node, addresses, and the container ports it names. */
public record EnginePod(
        PodRef ref, Map<String, String> labels, String node, List<IpAddress> ips, Map<String, NamedPort> namedPorts) {

    public EnginePod {
        Objects.requireNonNull(ref, "ref");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ips = ips == null ? List.of() : List.copyOf(ips);
        namedPorts = namedPorts == null ? Map.of() : Map.copyOf(namedPorts);
    }
}
