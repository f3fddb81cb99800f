package io.policyledger.query.effective;

import io.policyledger.core.engine.EngineObjects;
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
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyCreated;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyReplaced;
import io.policyledger.core.pod.PodCreated;
import io.policyledger.core.pod.PodDeleted;
import io.policyledger.core.pod.PodUpdated;
import java.util.Optional;

/** What each stored event means to the policy engine: one place, for the projection and for previews. */
public final class EngineFeed {

    private EngineFeed() {
    }

    /** Applies the event to the engine; false if the event means nothing to it. */
    public static boolean apply(PolicyEngine engine, Object event) {
        if (event instanceof NamespaceCreated e) {
            engine.setNamespace(EngineObjects.namespace(e.name(), e.labels(), e.annotations()));
        } else if (event instanceof NamespaceMetadataChanged e) {
            engine.setNamespace(EngineObjects.namespace(e.name(), e.labels(), e.annotations()));
        } else if (event instanceof NamespaceDeleted e) {
            engine.removeNamespace(e.name());
        } else if (event instanceof PodCreated e) {
            engine.setPod(EngineObjects.pod(e.namespace(), e.name(), e.labels(), e.spec(), e.status()));
        } else if (event instanceof PodUpdated e) {
            engine.setPod(EngineObjects.pod(e.namespace(), e.name(), e.labels(), e.spec(), e.status()));
        } else if (event instanceof PodDeleted e) {
            engine.removePod(new PodRef(e.namespace(), e.name()));
        } else if (event instanceof NetworkPolicyCreated e) {
            engine.setPolicy(PolicyCompiler.v1(e.namespace(), e.name(), e.spec()));
        } else if (event instanceof NetworkPolicyReplaced e) {
            engine.setPolicy(PolicyCompiler.v1(e.namespace(), e.name(), e.spec()));
        } else if (event instanceof NetworkPolicyDeleted e) {
            engine.removePolicy(PolicyRef.v1(e.namespace(), e.name()));
        } else if (event instanceof AlphaNetworkPolicyCreated e) {
            engine.setPolicy(PolicyCompiler.v1alpha1(e.namespace(), e.name(), e.spec()));
        } else if (event instanceof AlphaNetworkPolicyReplaced e) {
            engine.setPolicy(PolicyCompiler.v1alpha1(e.namespace(), e.name(), e.spec()));
        } else if (event instanceof AlphaNetworkPolicyDeleted e) {
            engine.removePolicy(PolicyRef.v1alpha1(e.namespace(), e.name()));
        } else {
            return false;
        }
        return true;
    }

    /** The pod an event is about, if it is about one. */
    public static Optional<PodRef> podOf(Object event) {
        if (event instanceof PodCreated e) {
            return Optional.of(new PodRef(e.namespace(), e.name()));
        }
        if (event instanceof PodUpdated e) {
            return Optional.of(new PodRef(e.namespace(), e.name()));
        }
        if (event instanceof PodDeleted e) {
            return Optional.of(new PodRef(e.namespace(), e.name()));
        }
        return Optional.empty();
    }
}
