package io.policyledger.core.engine;

import io.policyledger.core.namespace.NamespaceIsolation;
import io.policyledger.core.net.IpAddress;
import io.policyledger.core.pod.Container;
import io.policyledger.core.pod.ContainerPort;
import io.policyledger.core.pod.PodIP;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The engine's view of stored objects: what it takes from a namespace and from a pod. */
public final class EngineObjects {

    private EngineObjects() {}

    public static EngineNamespace namespace(String name, Map<String, String> labels, Map<String, String> annotations) {
        return new EngineNamespace(name, labels, NamespaceIsolation.ingressDefaultDeny(annotations));
    }

    public static EnginePod pod(
            String namespace, String name, Map<String, String> labels, PodSpec spec, PodStatus status) {
        Map<String, NamedPort> named = new HashMap<>();
        if (spec != null && spec.containers() != null) {
            for (Container c : spec.containers()) {
                if (c.ports() == null) {
                    continue;
                }
                for (ContainerPort p : c.ports()) {
                    if (p.name() != null && p.containerPort() != null) {
                        named.put(p.name(), new NamedPort(p.containerPort(), Protocol.of(p.protocol())));
                    }
                }
            }
        }
        List<IpAddress> ips = new ArrayList<>();
        if (status != null && status.podIPs() != null) {
            for (PodIP ip : status.podIPs()) {
                IpAddress.parse(ip.ip()).ifPresent(ips::add);
            }
        }
        return new EnginePod(new PodRef(namespace, name), labels, spec == null ? null : spec.nodeName(), ips, named);
    }
}
