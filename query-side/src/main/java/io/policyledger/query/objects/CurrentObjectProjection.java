package io.policyledger.query.objects;

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
import io.policyledger.query.position.ProjectionPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code current_object}: the present state of every object, as the API's GET and list serve
 * it. An object's resourceVersion is the global index of the event that last changed it, taken from the
 * event's tracking token. Runs as a tracking processor with one segment, so it applies events in log
 * order and its position is a single number.
 */
@Component
@ProcessingGroup(CurrentObjectProjection.NAME)
public class CurrentObjectProjection {

    public static final String NAME = "current-objects";

    private final CurrentObjectStore store;
    private final ProjectionPositions positions;

    CurrentObjectProjection(CurrentObjectStore store, ProjectionPositions positions) {
        this.store = store;
        this.positions = positions;
    }

    @EventHandler
    void on(NamespaceCreated e, TrackingToken token) {
        long rv = indexOf(token);
        store.create(ObjectKey.namespace(e.name()), e.uid(), rv, 0, e.creationTimestamp(), e.labels(),
                e.annotations(), null, null);
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(NamespaceMetadataChanged e, TrackingToken token) {
        long rv = indexOf(token);
        store.updateMetadata(ObjectKey.namespace(e.name()), rv, e.labels(), e.annotations());
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(NamespaceDeleted e, TrackingToken token) {
        long rv = indexOf(token);
        store.delete(ObjectKey.namespace(e.name()), rv);
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(PodCreated e, TrackingToken token) {
        long rv = indexOf(token);
        store.create(ObjectKey.pod(e.namespace(), e.name()), e.uid(), rv, 1, e.creationTimestamp(), e.labels(),
                e.annotations(), e.spec(), e.status());
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(PodUpdated e, TrackingToken token) {
        long rv = indexOf(token);
        store.update(ObjectKey.pod(e.namespace(), e.name()), rv, e.generation(), e.labels(), e.annotations(),
                e.spec(), e.status());
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(PodDeleted e, TrackingToken token) {
        long rv = indexOf(token);
        store.delete(ObjectKey.pod(e.namespace(), e.name()), rv);
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(NetworkPolicyCreated e, TrackingToken token) {
        long rv = indexOf(token);
        store.create(ObjectKey.networkPolicy(e.namespace(), e.name()), e.uid(), rv, 1, e.creationTimestamp(),
                e.labels(), e.annotations(), e.spec(), null);
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(NetworkPolicyReplaced e, TrackingToken token) {
        long rv = indexOf(token);
        store.update(ObjectKey.networkPolicy(e.namespace(), e.name()), rv, e.generation(), e.labels(),
                e.annotations(), e.spec(), null);
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(NetworkPolicyDeleted e, TrackingToken token) {
        long rv = indexOf(token);
        store.delete(ObjectKey.networkPolicy(e.namespace(), e.name()), rv);
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(AlphaNetworkPolicyCreated e, TrackingToken token) {
        long rv = indexOf(token);
        store.create(ObjectKey.alphaNetworkPolicy(e.namespace(), e.name()), e.uid(), rv, 1, e.creationTimestamp(),
                e.labels(), e.annotations(), e.spec(), null);
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(AlphaNetworkPolicyReplaced e, TrackingToken token) {
        long rv = indexOf(token);
        store.update(ObjectKey.alphaNetworkPolicy(e.namespace(), e.name()), rv, e.generation(), e.labels(),
                e.annotations(), e.spec(), null);
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(AlphaNetworkPolicyDeleted e, TrackingToken token) {
        long rv = indexOf(token);
        store.delete(ObjectKey.alphaNetworkPolicy(e.namespace(), e.name()), rv);
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(TenantCreated e, TrackingToken token) {
        long rv = indexOf(token);
        store.create(ObjectKey.tenant(e.name()), e.uid(), rv, 0, e.creationTimestamp(), e.labels(), e.annotations(),
                null, null);
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(TenantMetadataChanged e, TrackingToken token) {
        long rv = indexOf(token);
        store.updateMetadata(ObjectKey.tenant(e.name()), rv, e.labels(), e.annotations());
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(TenantDeleted e, TrackingToken token) {
        long rv = indexOf(token);
        store.delete(ObjectKey.tenant(e.name()), rv);
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(ClusterSettingsCreated e, TrackingToken token) {
        long rv = indexOf(token);
        store.create(ObjectKey.clusterSettings(e.name()), e.uid(), rv, 1, e.creationTimestamp(), e.labels(),
                e.annotations(), e.spec(), null);
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(ClusterSettingsReplaced e, TrackingToken token) {
        long rv = indexOf(token);
        store.update(ObjectKey.clusterSettings(e.name()), rv, e.generation(), e.labels(), e.annotations(), e.spec(),
                null);
        positions.record(NAME, rv);
    }

    @EventHandler
    void on(ClusterSettingsDeleted e, TrackingToken token) {
        long rv = indexOf(token);
        store.delete(ObjectKey.clusterSettings(e.name()), rv);
        positions.record(NAME, rv);
    }

    @ResetHandler
    void reset() {
        store.deleteAll();
        positions.reset(NAME);
    }

    private static long indexOf(TrackingToken token) {
        return token.position().orElseThrow(
                () -> new IllegalStateException("tracking token without a position: " + token));
    }
}
