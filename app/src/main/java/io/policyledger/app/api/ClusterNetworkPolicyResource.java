package io.policyledger.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.api.wire.ClusterNetworkPolicyObject;
import io.policyledger.app.api.wire.ClusterNetworkPolicyStatus;
import io.policyledger.app.api.wire.Condition;
import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.core.access.Caller;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySpec;
import io.policyledger.core.clusternetworkpolicy.CreateClusterNetworkPolicy;
import io.policyledger.core.clusternetworkpolicy.DeleteClusterNetworkPolicy;
import io.policyledger.core.clusternetworkpolicy.ReplaceClusterNetworkPolicy;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.query.objects.CurrentObjectReader;
import io.policyledger.query.objects.Scope;
import io.policyledger.query.objects.StoredObject;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class ClusterNetworkPolicyResource implements ResourceDefinition<ClusterNetworkPolicyObject> {

    private final ObjectMapper json = new ObjectMapper();
    private final CurrentObjectReader reader;
    private final TenantView tenantView = new ClusterNetworkPolicyTenantView();
    static final String SHARED_PRIORITY = "PrioritySharedWithOthers";

    ClusterNetworkPolicyResource(CurrentObjectReader reader) {
        this.reader = reader;
    }

    /**
     * Upstream leaves undefined which of two policies at one tier and priority applies first where they
     * overlap: the platform is told at once, on the write that makes them share it.
     */
    @Override
    public List<String> warningsFor(String name, ClusterNetworkPolicyObject wire) {
        ClusterNetworkPolicySpec spec = wire.spec();
        if (spec == null || spec.tier() == null || spec.priority() == null) {
            return List.of();
        }
        List<String> sharing = sharing(
                name,
                spec.tier(),
                spec.priority(),
                reader.list(Kind.CLUSTER_NETWORK_POLICY, null, List.of(), 0, null, Scope.ALL)
                        .items());
        if (sharing.isEmpty()) {
            return List.of();
        }
        return List.of("ClusterNetworkPolicy " + name + " shares priority " + spec.priority() + " in the " + spec.tier()
                + " tier with " + String.join(", ", sharing) + ": where their subjects and traffic overlap, which "
                + "applies first is undefined; give them different priorities");
    }

    /** The names of the other policies among {@code policies} with this tier and priority, sorted. */
    private static List<String> sharing(String name, String tier, int priority, List<StoredObject> policies) {
        return policies.stream()
                .filter(o -> !o.key().name().equals(name))
                .filter(o -> tier.equals(o.spec().path("tier").asText())
                        && priority == o.spec().path("priority").asInt(-1))
                .map(o -> o.key().name())
                .sorted()
                .toList();
    }

    @Override
    public java.util.Optional<TenantView> tenantView() {
        return java.util.Optional.of(tenantView);
    }

    @Override
    public Kind kind() {
        return Kind.CLUSTER_NETWORK_POLICY;
    }

    @Override
    public String apiVersion() {
        return "policy.networking.k8s.io/v1alpha2";
    }

    @Override
    public Class<ClusterNetworkPolicyObject> wireType() {
        return ClusterNetworkPolicyObject.class;
    }

    @Override
    public String apiVersionOf(ClusterNetworkPolicyObject wire) {
        return wire.apiVersion();
    }

    @Override
    public String kindOf(ClusterNetworkPolicyObject wire) {
        return wire.kind();
    }

    @Override
    public ObjectMeta metadataOf(ClusterNetworkPolicyObject wire) {
        return wire.metadata();
    }

    @Override
    public ObjectCommand create(
            Caller caller, String namespace, String name, String uid, ObjectMeta m, ClusterNetworkPolicyObject wire) {
        return new CreateClusterNetworkPolicy(name, uid, m.labels(), m.annotations(), wire.spec());
    }

    @Override
    public ObjectCommand replace(
            String namespace,
            String name,
            ObjectMeta m,
            ClusterNetworkPolicyObject wire,
            String expectedUid,
            Long expectedVersion) {
        return new ReplaceClusterNetworkPolicy(
                name, m.labels(), m.annotations(), wire.spec(), expectedUid, expectedVersion);
    }

    @Override
    public ObjectCommand delete(String namespace, String name, String expectedUid, Long expectedVersion) {
        return new DeleteClusterNetworkPolicy(name, expectedUid, expectedVersion);
    }

    @Override
    public ClusterNetworkPolicyObject toWire(StoredObject stored, ObjectMeta metadata) {
        return new ClusterNetworkPolicyObject(
                apiVersion(),
                kind().kindName(),
                metadata,
                json.convertValue(stored.spec(), ClusterNetworkPolicySpec.class),
                null);
    }

    @Override
    public boolean derivesStatus() {
        return true;
    }

    /**
     * {@value #SHARED_PRIORITY}: True while another policy the caller sees has the same tier and priority
     * (upstream leaves their order undefined where they overlap; this server asks them by name, and a
     * connectivity check decided there says so in its lints).
     */
    @Override
    public ClusterNetworkPolicyObject withDerivedStatus(
            ClusterNetworkPolicyObject wire, StoredObject stored, List<StoredObject> sameKind) {
        String tier = stored.spec().path("tier").asText();
        int priority = stored.spec().path("priority").asInt(-1);
        List<String> sharing = sharing(stored.key().name(), tier, priority, sameKind);
        Condition condition = sharing.isEmpty()
                ? new Condition(
                        SHARED_PRIORITY,
                        "False",
                        stored.generation(),
                        "UniquePriority",
                        "no other policy has priority " + priority + " in the " + tier + " tier")
                : new Condition(
                        SHARED_PRIORITY,
                        "True",
                        stored.generation(),
                        "SamePriority",
                        "shares priority " + priority + " in the " + tier + " tier with " + String.join(", ", sharing)
                                + ": where their subjects and traffic overlap, upstream leaves the order undefined "
                                + "(this server asks them by name); give them different priorities");
        return wire.withStatus(new ClusterNetworkPolicyStatus(List.of(condition)));
    }
}
