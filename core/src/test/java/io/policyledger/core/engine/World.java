package io.policyledger.core.engine;

import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySpec;
import io.policyledger.core.clusternetworkpolicy.CreateClusterNetworkPolicy;
import io.policyledger.core.net.IpAddress;
import io.policyledger.core.networkpolicy.CreateNetworkPolicy;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicySpec;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cluster's objects in their stored form, and the same changes applied to an engine: the world both
 * the engine and the naive evaluator are asked about.
 */
final class World {

    record NamespaceInput(String name, Map<String, String> labels, Map<String, String> annotations) {}

    record PodInput(
            String namespace, String name, Map<String, String> labels, String node, PodSpec spec, PodStatus status) {}

    record PolicyInput(String namespace, String name, NetworkPolicySpec v1, AlphaNetworkPolicySpec alpha) {

        PolicyRef ref() {
            return v1 != null ? PolicyRef.v1(namespace, name) : PolicyRef.v1alpha1(namespace, name);
        }
    }

    final Map<String, NamespaceInput> namespaces = new LinkedHashMap<>();
    final Map<PodRef, PodInput> pods = new LinkedHashMap<>();
    final Map<PolicyRef, PolicyInput> policies = new LinkedHashMap<>();
    /** The platform's tiers, by name. */
    final Map<String, ClusterNetworkPolicySpec> clusterPolicies = new java.util.TreeMap<>();

    final PolicyEngine engine = new PolicyEngine();

    void namespace(String name, Map<String, String> labels, Map<String, String> annotations) {
        namespaces.put(name, new NamespaceInput(name, labels, annotations));
        engine.setNamespace(EngineObjects.namespace(name, labels, annotations));
    }

    void removeNamespace(String name) {
        namespaces.remove(name);
        engine.removeNamespace(name);
    }

    void pod(String namespace, String name, Map<String, String> labels, PodSpec spec, PodStatus status) {
        pods.put(new PodRef(namespace, name), new PodInput(namespace, name, labels, spec.nodeName(), spec, status));
        engine.setPod(EngineObjects.pod(namespace, name, labels, spec, status));
    }

    void removePod(String namespace, String name) {
        pods.remove(new PodRef(namespace, name));
        engine.removePod(new PodRef(namespace, name));
    }

    /** A v1 policy as stored: validated and defaulted by the same command the API uses. */
    void policy(String namespace, String name, NetworkPolicySpec spec) {
        NetworkPolicySpec stored = new CreateNetworkPolicy(namespace, name, "uid", Map.of(), Map.of(), spec).spec();
        PolicyInput input = new PolicyInput(namespace, name, stored, null);
        policies.put(input.ref(), input);
        engine.setPolicy(PolicyCompiler.v1(namespace, name, stored));
    }

    void alphaPolicy(String namespace, String name, AlphaNetworkPolicySpec spec) {
        PolicyInput input = new PolicyInput(namespace, name, null, spec);
        policies.put(input.ref(), input);
        engine.setPolicy(PolicyCompiler.v1alpha1(namespace, name, spec));
    }

    void removePolicy(PolicyRef ref) {
        policies.remove(ref);
        engine.removePolicy(ref);
    }

    /** A ClusterNetworkPolicy as stored: validated by the same command the API uses. */
    void clusterPolicy(String name, ClusterNetworkPolicySpec spec) {
        ClusterNetworkPolicySpec stored = new CreateClusterNetworkPolicy(name, "uid", Map.of(), Map.of(), spec).spec();
        clusterPolicies.put(name, stored);
        engine.setClusterPolicy(ClusterPolicyCompiler.compile(name, stored));
    }

    void removeClusterPolicy(String name) {
        clusterPolicies.remove(name);
        engine.removeClusterPolicy(name);
    }

    NaiveEvaluator naive() {
        return new NaiveEvaluator(this);
    }

    ConnectivityEvaluator evaluator() {
        engine.flush();
        return new ConnectivityEvaluator(engine);
    }

    static Endpoint pod(String ref) {
        String[] parts = ref.split("/");
        return new Endpoint.Pod(new PodRef(parts[0], parts[1]));
    }

    static Endpoint address(String ip) {
        return new Endpoint.Address(IpAddress.parse(ip).orElseThrow());
    }
}
