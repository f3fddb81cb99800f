package io.policyledger.query.objects;

import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyCreated;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyDeleted;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyReplaced;
import io.policyledger.core.namespace.NamespaceCreated;
import io.policyledger.core.namespace.NamespaceDeleted;
import io.policyledger.core.namespace.NamespaceMetadataChanged;
import io.policyledger.core.networkpolicy.NetworkPolicyCreated;
import io.policyledger.core.networkpolicy.NetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.NetworkPolicyReplaced;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyCreated;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyReplaced;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.pod.PodCreated;
import io.policyledger.core.pod.PodDeleted;
import io.policyledger.core.pod.PodUpdated;
import io.policyledger.core.settings.ClusterSettingsCreated;
import io.policyledger.core.settings.ClusterSettingsDeleted;
import io.policyledger.core.settings.ClusterSettingsReplaced;
import io.policyledger.core.tenant.TenantCreated;
import io.policyledger.core.tenant.TenantDeleted;
import io.policyledger.core.tenant.TenantMetadataChanged;

/**
 * What each stored event means to the objects the API serves: the one place that says it, for the
 * current-objects projection (the present) and for time travel (a past revision).
 */
public final class ObjectChanges {

    private ObjectChanges() {}

    /**
     * Applies {@code event}, stored at {@code rv}, to {@code to}.
     *
     * @return whether the event is about an object at all (tokens, for one, are not served as objects)
     */
    public static boolean apply(Object event, long rv, ObjectWrites to) {
        if (event instanceof NamespaceCreated e) {
            to.create(
                    ObjectKey.namespace(e.name()),
                    e.uid(),
                    rv,
                    0,
                    e.creationTimestamp(),
                    e.labels(),
                    e.annotations(),
                    null,
                    null);
        } else if (event instanceof NamespaceMetadataChanged e) {
            to.updateMetadata(ObjectKey.namespace(e.name()), rv, e.labels(), e.annotations());
        } else if (event instanceof NamespaceDeleted e) {
            to.delete(ObjectKey.namespace(e.name()), rv);
        } else if (event instanceof PodCreated e) {
            to.create(
                    ObjectKey.pod(e.namespace(), e.name()),
                    e.uid(),
                    rv,
                    1,
                    e.creationTimestamp(),
                    e.labels(),
                    e.annotations(),
                    e.spec(),
                    e.status());
        } else if (event instanceof PodUpdated e) {
            to.update(
                    ObjectKey.pod(e.namespace(), e.name()),
                    rv,
                    e.generation(),
                    e.labels(),
                    e.annotations(),
                    e.spec(),
                    e.status());
        } else if (event instanceof PodDeleted e) {
            to.delete(ObjectKey.pod(e.namespace(), e.name()), rv);
        } else if (event instanceof NetworkPolicyCreated e) {
            to.create(
                    ObjectKey.networkPolicy(e.namespace(), e.name()),
                    e.uid(),
                    rv,
                    1,
                    e.creationTimestamp(),
                    e.labels(),
                    e.annotations(),
                    e.spec(),
                    null);
        } else if (event instanceof NetworkPolicyReplaced e) {
            to.update(
                    ObjectKey.networkPolicy(e.namespace(), e.name()),
                    rv,
                    e.generation(),
                    e.labels(),
                    e.annotations(),
                    e.spec(),
                    null);
        } else if (event instanceof NetworkPolicyDeleted e) {
            to.delete(ObjectKey.networkPolicy(e.namespace(), e.name()), rv);
        } else if (event instanceof AlphaNetworkPolicyCreated e) {
            to.create(
                    ObjectKey.alphaNetworkPolicy(e.namespace(), e.name()),
                    e.uid(),
                    rv,
                    1,
                    e.creationTimestamp(),
                    e.labels(),
                    e.annotations(),
                    e.spec(),
                    null);
        } else if (event instanceof AlphaNetworkPolicyReplaced e) {
            to.update(
                    ObjectKey.alphaNetworkPolicy(e.namespace(), e.name()),
                    rv,
                    e.generation(),
                    e.labels(),
                    e.annotations(),
                    e.spec(),
                    null);
        } else if (event instanceof AlphaNetworkPolicyDeleted e) {
            to.delete(ObjectKey.alphaNetworkPolicy(e.namespace(), e.name()), rv);
        } else if (event instanceof TenantCreated e) {
            to.create(
                    ObjectKey.tenant(e.name()),
                    e.uid(),
                    rv,
                    0,
                    e.creationTimestamp(),
                    e.labels(),
                    e.annotations(),
                    null,
                    null);
        } else if (event instanceof TenantMetadataChanged e) {
            to.updateMetadata(ObjectKey.tenant(e.name()), rv, e.labels(), e.annotations());
        } else if (event instanceof TenantDeleted e) {
            to.delete(ObjectKey.tenant(e.name()), rv);
        } else if (event instanceof ClusterNetworkPolicyCreated e) {
            to.create(
                    ObjectKey.clusterNetworkPolicy(e.name()),
                    e.uid(),
                    rv,
                    1,
                    e.creationTimestamp(),
                    e.labels(),
                    e.annotations(),
                    e.spec(),
                    null);
        } else if (event instanceof ClusterNetworkPolicyReplaced e) {
            to.update(
                    ObjectKey.clusterNetworkPolicy(e.name()),
                    rv,
                    e.generation(),
                    e.labels(),
                    e.annotations(),
                    e.spec(),
                    null);
        } else if (event instanceof ClusterNetworkPolicyDeleted e) {
            to.delete(ObjectKey.clusterNetworkPolicy(e.name()), rv);
        } else if (event instanceof ClusterSettingsCreated e) {
            to.create(
                    ObjectKey.clusterSettings(e.name()),
                    e.uid(),
                    rv,
                    1,
                    e.creationTimestamp(),
                    e.labels(),
                    e.annotations(),
                    e.spec(),
                    null);
        } else if (event instanceof ClusterSettingsReplaced e) {
            to.update(
                    ObjectKey.clusterSettings(e.name()),
                    rv,
                    e.generation(),
                    e.labels(),
                    e.annotations(),
                    e.spec(),
                    null);
        } else if (event instanceof ClusterSettingsDeleted e) {
            to.delete(ObjectKey.clusterSettings(e.name()), rv);
        } else {
            return false;
        }
        return true;
    }
}
