package io.policyledger.core.engine;

import io.policyledger.core.pod.Container;
import io.policyledger.core.pod.ContainerPort;
import io.policyledger.core.pod.PodIP;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster of the Kubernetes e2e network policy suite (and of network-policy-api's conformance
 * suite): namespaces x, y, z labelled ns=&lt;name&gt;; pods a, b, c in each labelled pod=&lt;name&gt;, at
 * 10.0.&lt;1..3&gt;.&lt;1..3&gt;, serving 80 and 81 over TCP, UDP and SCTP (ports named serve-80-tcp, ...);
 * a pods on node n1, the others on n2.
 */
final class ScenarioCluster {

    private ScenarioCluster() {}

    static World create() {
        World world = new World();
        int n = 0;
        for (String ns : List.of("x", "y", "z")) {
            world.namespace(ns, Map.of("ns", ns, "kubernetes.io/metadata.name", ns), Map.of());
            int i = 0;
            for (String pod : List.of("a", "b", "c")) {
                pod(world, ns, pod, Map.of("pod", pod), "10.0." + (n + 1) + "." + (++i));
            }
            n++;
        }
        return world;
    }

    static void pod(World world, String ns, String name, Map<String, String> labels, String ip) {
        List<ContainerPort> ports = new ArrayList<>();
        for (int port : List.of(80, 81)) {
            for (String proto : List.of("TCP", "UDP", "SCTP")) {
                ports.add(new ContainerPort("serve-" + port + "-" + proto.toLowerCase(), port, proto));
            }
        }
        String node = name.equals("a") ? "n1" : "n2";
        world.pod(
                ns,
                name,
                labels,
                new PodSpec(node, List.of(new Container("cont", "agnhost", ports))),
                new PodStatus(ip, List.of(new PodIP(ip))));
    }
}
