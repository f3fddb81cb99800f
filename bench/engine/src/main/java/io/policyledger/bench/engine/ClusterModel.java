package io.policyledger.bench.engine;

import io.policyledger.core.engine.CompiledPolicy;
import io.policyledger.core.engine.EngineNamespace;
import io.policyledger.core.engine.EngineObjects;
import io.policyledger.core.engine.EnginePod;
import io.policyledger.core.engine.PolicyCompiler;
import io.policyledger.core.engine.PolicyEngine;
import io.policyledger.core.networkpolicy.IPBlock;
import io.policyledger.core.networkpolicy.IntOrString;
import io.policyledger.core.networkpolicy.NetworkPolicyEgressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyIngressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyPeer;
import io.policyledger.core.networkpolicy.NetworkPolicyPort;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.pod.Container;
import io.policyledger.core.pod.ContainerPort;
import io.policyledger.core.pod.PodIP;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import io.policyledger.core.selector.LabelSelector;
import io.policyledger.core.selector.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A synthetic cluster at a given size, the same for every run: namespaces owned by teams, pods of ten
 * apps in three tiers each, and per namespace two policies in the shapes real clusters use (a tier
 * isolated to its callers in the namespace, and a service open to monitoring namespaces and an address
 * range, with egress to the database tier). Cross-namespace selectors make namespace label changes
 * meaningful.
 */
final class ClusterModel {

    final List<EngineNamespace> namespaces = new ArrayList<>();
    final List<EnginePod> pods = new ArrayList<>();
    final List<CompiledPolicy> policies = new ArrayList<>();

    ClusterModel(int namespaceCount, int podsPerNamespace, int policiesPerNamespace) {
        for (int n = 0; n < namespaceCount; n++) {
            String ns = "ns-" + n;
            namespaces.add(namespace(ns, n % 50 == 0 ? "monitoring" : "team-" + (n % 40)));
            for (int p = 0; p < podsPerNamespace; p++) {
                pods.add(pod(ns, n, p, "app-" + (p % 10), "v1"));
            }
            for (int k = 0; k < policiesPerNamespace; k++) {
                policies.add(policy(ns, n, k));
            }
        }
    }

    static EngineNamespace namespace(String name, String team) {
        return EngineObjects.namespace(name, Map.of("kubernetes.io/metadata.name", name, "team", team,
                "policyledger.io/tenant", "tenant-" + team), Map.of());
    }

    static EnginePod pod(String ns, int n, int p, String app, String version) {
        String ip = "10." + (n / 250) + "." + (n % 250) + "." + (p + 1);
        String tier = p % 3 == 0 ? "web" : p % 3 == 1 ? "api" : "db";
        return EngineObjects.pod(ns, "pod-" + p, Map.of("app", app, "tier", tier, "version", version),
                new PodSpec("node-" + (p % 50), List.of(new Container("main", "img",
                        List.of(new ContainerPort("http", 8080, "TCP"), new ContainerPort("metrics", 9090, "TCP"))))),
                new PodStatus(ip, List.of(new PodIP(ip))));
    }

    private static CompiledPolicy policy(String ns, int n, int k) {
        String app = "app-" + ((n + k) % 10);
        if (k % 2 == 0) {
            // The api tier of one app takes calls from its web tier, on a named port.
            return PolicyCompiler.v1(ns, "api-from-web-" + k, new NetworkPolicySpec(
                    new LabelSelector(Map.of("app", app, "tier", "api"), null),
                    List.of(new NetworkPolicyIngressRule(List.of(port("http")),
                            List.of(new NetworkPolicyPeer(new LabelSelector(Map.of("app", app, "tier", "web"), null),
                                    null, null)))),
                    null, List.of("Ingress")));
        }
        // An app is open to monitoring namespaces and to a range, and may only call its database tier.
        return PolicyCompiler.v1(ns, "open-to-monitoring-" + k, new NetworkPolicySpec(
                new LabelSelector(Map.of("app", app), null),
                List.of(new NetworkPolicyIngressRule(List.of(port("metrics")), List.of(
                        new NetworkPolicyPeer(null, new LabelSelector(Map.of("team", "monitoring"), null), null),
                        new NetworkPolicyPeer(null, null, new IPBlock("192.168.0.0/16", List.of("192.168.1.0/24")))))),
                List.of(new NetworkPolicyEgressRule(List.of(new NetworkPolicyPort("TCP", IntOrString.of(5432), null)),
                        List.of(new NetworkPolicyPeer(new LabelSelector(null,
                                List.of(new LabelSelectorRequirement("tier", "In", List.of("db")))), null, null)))),
                List.of("Ingress", "Egress")));
    }

    private static NetworkPolicyPort port(String name) {
        return new NetworkPolicyPort("TCP", IntOrString.of(name), null);
    }

    /** A new engine with everything in it, computed. */
    PolicyEngine load() {
        PolicyEngine engine = new PolicyEngine();
        namespaces.forEach(engine::setNamespace);
        pods.forEach(engine::setPod);
        policies.forEach(engine::setPolicy);
        engine.flush();
        return engine;
    }
}
