package io.policyledger.query.effective;

import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyCreated;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyDeleted;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyReplaced;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySpec;
import io.policyledger.core.engine.ClusterPolicyCompiler;
import io.policyledger.core.engine.EngineObjects;
import io.policyledger.core.engine.EnginePod;
import io.policyledger.core.engine.PodRef;
import io.policyledger.core.engine.PolicyCompiler;
import io.policyledger.core.engine.PolicyEngine;
import io.policyledger.core.engine.PolicyRef;
import io.policyledger.core.namespace.NamespaceCreated;
import io.policyledger.core.namespace.NamespaceDeleted;
import io.policyledger.core.namespace.NamespaceMetadataChanged;
import io.policyledger.core.networkpolicy.NetworkPolicyCreated;
import io.policyledger.core.networkpolicy.NetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.NetworkPolicyReplaced;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyCreated;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyReplaced;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicySpec;
import io.policyledger.core.pod.PodCreated;
import io.policyledger.core.pod.PodDeleted;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import io.policyledger.core.pod.PodUpdated;
import java.util.Map;
import java.util.Optional;

/**
 * What the policy engine takes from one object: the one place that says what each stored event means
 * to the engine. The effective-rules projection applies these and keeps them ({@code effective_input},
 * one row per object, the record as its document) to load an engine from; previews apply them to a copy.
 */
public sealed interface EngineInput {

    String NAMESPACE = "NAMESPACE";
    String POD = "POD";
    String NETWORK_POLICY = "NETWORK_POLICY";
    String ALPHA_NETWORK_POLICY = "ALPHA_NETWORK_POLICY";
    String CLUSTER_NETWORK_POLICY = "CLUSTER_NETWORK_POLICY";

    /** The row's kind; with {@link #namespace()} and {@link #name()}, the row's key. */
    String kind();

    String namespace();

    String name();

    void applyTo(PolicyEngine engine);

    /** The pod this input is about, if it is about one. */
    default Optional<PodRef> pod() {
        return Optional.empty();
    }

    /** The input an event gives, if the event means anything to the engine. */
    static Optional<EngineInput> of(Object event) {
        EngineInput input = null;
        if (event instanceof NamespaceCreated e) {
            input = new Namespace(e.name(), e.labels(), e.annotations());
        } else if (event instanceof NamespaceMetadataChanged e) {
            input = new Namespace(e.name(), e.labels(), e.annotations());
        } else if (event instanceof NamespaceDeleted e) {
            input = new Removed(NAMESPACE, "", e.name());
        } else if (event instanceof PodCreated e) {
            input = Pod.of(e.namespace(), e.name(), e.uid(), e.labels(), e.annotations(), e.spec(), e.status());
        } else if (event instanceof PodUpdated e) {
            input = Pod.of(e.namespace(), e.name(), e.uid(), e.labels(), e.annotations(), e.spec(), e.status());
        } else if (event instanceof PodDeleted e) {
            input = new Removed(POD, e.namespace(), e.name());
        } else if (event instanceof NetworkPolicyCreated e) {
            input = new Policy(e.namespace(), e.name(), e.spec());
        } else if (event instanceof NetworkPolicyReplaced e) {
            input = new Policy(e.namespace(), e.name(), e.spec());
        } else if (event instanceof NetworkPolicyDeleted e) {
            input = new Removed(NETWORK_POLICY, e.namespace(), e.name());
        } else if (event instanceof AlphaNetworkPolicyCreated e) {
            input = new AlphaPolicy(e.namespace(), e.name(), e.spec());
        } else if (event instanceof AlphaNetworkPolicyReplaced e) {
            input = new AlphaPolicy(e.namespace(), e.name(), e.spec());
        } else if (event instanceof AlphaNetworkPolicyDeleted e) {
            input = new Removed(ALPHA_NETWORK_POLICY, e.namespace(), e.name());
        } else if (event instanceof ClusterNetworkPolicyCreated e) {
            input = new ClusterPolicy(e.name(), e.spec());
        } else if (event instanceof ClusterNetworkPolicyReplaced e) {
            input = new ClusterPolicy(e.name(), e.spec());
        } else if (event instanceof ClusterNetworkPolicyDeleted e) {
            input = new Removed(CLUSTER_NETWORK_POLICY, "", e.name());
        }
        return Optional.ofNullable(input);
    }

    /** The stored type of a row's kind. */
    static Class<? extends EngineInput> typeOf(String kind) {
        return switch (kind) {
            case NAMESPACE -> Namespace.class;
            case POD -> Pod.class;
            case NETWORK_POLICY -> Policy.class;
            case ALPHA_NETWORK_POLICY -> AlphaPolicy.class;
            case CLUSTER_NETWORK_POLICY -> ClusterPolicy.class;
            default -> throw new IllegalStateException("unknown input kind " + kind);
        };
    }

    record Namespace(String name, Map<String, String> labels, Map<String, String> annotations) implements EngineInput {
        @Override
        public String kind() {
            return NAMESPACE;
        }

        @Override
        public String namespace() {
            return "";
        }

        @Override
        public void applyTo(PolicyEngine engine) {
            engine.setNamespace(EngineObjects.namespace(name, labels, annotations));
        }
    }

    /**
     * A pod; {@code netns} is the network namespace its node's agent enforces its rules in, named by the
     * pod's {@value #NETNS_ANNOTATION} annotation (null without one: the agent then derives the name);
     * {@code uid} tells a pod from an earlier one of the same name (its agent programs the new one anew).
     */
    record Pod(
            String namespace,
            String name,
            Map<String, String> labels,
            PodSpec spec,
            PodStatus status,
            String netns,
            String uid)
            implements EngineInput {

        public static final String NETNS_ANNOTATION = "policyledger.io/netns";

        static Pod of(
                String namespace,
                String name,
                String uid,
                Map<String, String> labels,
                Map<String, String> annotations,
                PodSpec spec,
                PodStatus status) {
            return new Pod(
                    namespace,
                    name,
                    labels,
                    spec,
                    status,
                    annotations == null ? null : annotations.get(NETNS_ANNOTATION),
                    uid);
        }

        @Override
        public String kind() {
            return POD;
        }

        @Override
        public void applyTo(PolicyEngine engine) {
            engine.setPod(enginePod());
        }

        @Override
        public Optional<PodRef> pod() {
            return Optional.of(new PodRef(namespace, name));
        }

        EnginePod enginePod() {
            return EngineObjects.pod(namespace, name, labels, spec, status);
        }
    }

    record Policy(String namespace, String name, NetworkPolicySpec spec) implements EngineInput {
        @Override
        public String kind() {
            return NETWORK_POLICY;
        }

        @Override
        public void applyTo(PolicyEngine engine) {
            engine.setPolicy(PolicyCompiler.v1(namespace, name, spec));
        }
    }

    record AlphaPolicy(String namespace, String name, AlphaNetworkPolicySpec spec) implements EngineInput {
        @Override
        public String kind() {
            return ALPHA_NETWORK_POLICY;
        }

        @Override
        public void applyTo(PolicyEngine engine) {
            engine.setPolicy(PolicyCompiler.v1alpha1(namespace, name, spec));
        }
    }

    record ClusterPolicy(String name, ClusterNetworkPolicySpec spec) implements EngineInput {
        @Override
        public String kind() {
            return CLUSTER_NETWORK_POLICY;
        }

        @Override
        public String namespace() {
            return "";
        }

        @Override
        public void applyTo(PolicyEngine engine) {
            engine.setClusterPolicy(ClusterPolicyCompiler.compile(name, spec));
        }
    }

    /** An object that went away: its row goes, and the engine forgets it. */
    record Removed(String kind, String namespace, String name) implements EngineInput {
        @Override
        public void applyTo(PolicyEngine engine) {
            switch (kind) {
                case NAMESPACE -> engine.removeNamespace(name);
                case POD -> engine.removePod(new PodRef(namespace, name));
                case NETWORK_POLICY -> engine.removePolicy(PolicyRef.v1(namespace, name));
                case ALPHA_NETWORK_POLICY -> engine.removePolicy(PolicyRef.v1alpha1(namespace, name));
                case CLUSTER_NETWORK_POLICY -> engine.removeClusterPolicy(name);
                default -> throw new IllegalStateException("unknown input kind " + kind);
            }
        }

        @Override
        public Optional<PodRef> pod() {
            return POD.equals(kind) ? Optional.of(new PodRef(namespace, name)) : Optional.empty();
        }
    }
}
