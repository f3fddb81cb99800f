package io.policyledger.bench.engine;

import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyEgressPeer;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyEgressRule;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyIngressPeer;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyIngressRule;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyProtocol;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySpec;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySubject;
import io.policyledger.core.clusternetworkpolicy.Port;
import io.policyledger.core.clusternetworkpolicy.PortRange;
import io.policyledger.core.clusternetworkpolicy.ProtocolPort;
import io.policyledger.core.engine.ClusterPolicyCompiler;
import io.policyledger.core.engine.CompiledClusterPolicy;
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
    final List<CompiledClusterPolicy> clusterPolicies = new ArrayList<>();

    ClusterModel(int namespaceCount, int podsPerNamespace, int policiesPerNamespace) {
        this(namespaceCount, podsPerNamespace, policiesPerNamespace, 0);
    }

    /**
     * With {@code clusterPolicyCount} ClusterNetworkPolicies: one Baseline default deny of every namespace
     * (egress to the 10/8 range excepted), and Admin guards of one team each (priority 10 apart), which
     * deny other tenants and pass monitoring on to NetworkPolicies.
     */
    ClusterModel(int namespaceCount, int podsPerNamespace, int policiesPerNamespace, int clusterPolicyCount) {
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
        if (clusterPolicyCount > 0) {
            LabelSelector all = new LabelSelector(null, null);
            clusterPolicies.add(ClusterPolicyCompiler.compile(
                    "default-deny",
                    new ClusterNetworkPolicySpec(
                            "Baseline",
                            1000,
                            new ClusterNetworkPolicySubject(all, null),
                            List.of(new ClusterNetworkPolicyIngressRule(
                                    null, "Deny", List.of(new ClusterNetworkPolicyIngressPeer(all, null)), null)),
                            List.of(
                                    new ClusterNetworkPolicyEgressRule(
                                            null,
                                            "Accept",
                                            List.of(new ClusterNetworkPolicyEgressPeer(
                                                    null, null, null, List.of("10.0.0.0/8"), null)),
                                            null),
                                    new ClusterNetworkPolicyEgressRule(
                                            null,
                                            "Deny",
                                            List.of(new ClusterNetworkPolicyEgressPeer(
                                                    null, null, null, List.of("0.0.0.0/0"), null)),
                                            null)))));
        }
        for (int i = 0; i < clusterPolicyCount - 1; i++) {
            clusterPolicies.add(guard(i, i * 10));
        }
    }

    /** Team {@code i}'s guard: monitoring passes on to NetworkPolicies, other tenants are denied. */
    static CompiledClusterPolicy guard(int team, int priority) {
        return ClusterPolicyCompiler.compile(
                "guard-" + team,
                new ClusterNetworkPolicySpec(
                        "Admin",
                        priority,
                        new ClusterNetworkPolicySubject(new LabelSelector(Map.of("team", "team-" + team), null), null),
                        List.of(
                                new ClusterNetworkPolicyIngressRule(
                                        "monitoring",
                                        "Pass",
                                        List.of(new ClusterNetworkPolicyIngressPeer(
                                                new LabelSelector(Map.of("team", "monitoring"), null), null)),
                                        null),
                                new ClusterNetworkPolicyIngressRule(
                                        "other-tenants",
                                        "Deny",
                                        List.of(new ClusterNetworkPolicyIngressPeer(
                                                new LabelSelector(
                                                        null,
                                                        List.of(new LabelSelectorRequirement(
                                                                "policyledger.io/tenant",
                                                                "NotIn",
                                                                List.of("tenant-team-" + team)))),
                                                null)),
                                        List.of(
                                                new ClusterNetworkPolicyProtocol(
                                                        new ProtocolPort(new Port(null, new PortRange(1, 9000))),
                                                        null,
                                                        null,
                                                        null),
                                                new ClusterNetworkPolicyProtocol(null, null, null, "metrics")))),
                        null));
    }

    static EngineNamespace namespace(String name, String team) {
        return EngineObjects.namespace(
                name,
                Map.of("kubernetes.io/metadata.name", name, "team", team, "policyledger.io/tenant", "tenant-" + team),
                Map.of());
    }

    static EnginePod pod(String ns, int n, int p, String app, String version) {
        String ip = "10." + (n / 250) + "." + (n % 250) + "." + (p + 1);
        String tier = p % 3 == 0 ? "web" : p % 3 == 1 ? "api" : "db";
        return EngineObjects.pod(
                ns,
                "pod-" + p,
                Map.of("app", app, "tier", tier, "version", version),
                new PodSpec(
                        "node-" + (p % 50),
                        List.of(new Container(
                                "main",
                                "img",
                                List.of(
                                        new ContainerPort("http", 8080, "TCP"),
                                        new ContainerPort("metrics", 9090, "TCP"))))),
                new PodStatus(ip, List.of(new PodIP(ip))));
    }

    private static CompiledPolicy policy(String ns, int n, int k) {
        String app = "app-" + ((n + k) % 10);
        if (k % 2 == 0) {
            // The api tier of one app takes calls from its web tier, on a named port.
            return PolicyCompiler.v1(
                    ns,
                    "api-from-web-" + k,
                    new NetworkPolicySpec(
                            new LabelSelector(Map.of("app", app, "tier", "api"), null),
                            List.of(new NetworkPolicyIngressRule(
                                    List.of(port("http")),
                                    List.of(new NetworkPolicyPeer(
                                            new LabelSelector(Map.of("app", app, "tier", "web"), null), null, null)))),
                            null,
                            List.of("Ingress")));
        }
        // An app is open to monitoring namespaces and to a range, and may only call its database tier.
        return PolicyCompiler.v1(
                ns,
                "open-to-monitoring-" + k,
                new NetworkPolicySpec(
                        new LabelSelector(Map.of("app", app), null),
                        List.of(new NetworkPolicyIngressRule(
                                List.of(port("metrics")),
                                List.of(
                                        new NetworkPolicyPeer(
                                                null, new LabelSelector(Map.of("team", "monitoring"), null), null),
                                        new NetworkPolicyPeer(
                                                null,
                                                null,
                                                new IPBlock("192.168.0.0/16", List.of("192.168.1.0/24")))))),
                        List.of(new NetworkPolicyEgressRule(
                                List.of(new NetworkPolicyPort("TCP", IntOrString.of(5432), null)),
                                List.of(new NetworkPolicyPeer(
                                        new LabelSelector(
                                                null,
                                                List.of(new LabelSelectorRequirement("tier", "In", List.of("db")))),
                                        null,
                                        null)))),
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
        clusterPolicies.forEach(engine::setClusterPolicy);
        engine.flush();
        return engine;
    }
}
