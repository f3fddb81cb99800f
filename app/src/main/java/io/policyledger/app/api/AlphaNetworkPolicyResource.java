package io.policyledger.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.api.wire.AlphaNetworkPolicyObject;
import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.core.access.Caller;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.CreateAlphaNetworkPolicy;
import io.policyledger.core.networkpolicy.alpha.DeleteAlphaNetworkPolicy;
import io.policyledger.core.networkpolicy.alpha.ReplaceAlphaNetworkPolicy;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.query.objects.StoredObject;
import org.springframework.stereotype.Component;

/** The 2016-format policy: stored and served like the v1 one, in its own API group and format. */
@Component
class AlphaNetworkPolicyResource implements ResourceDefinition<AlphaNetworkPolicyObject> {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Kind kind() {
        return Kind.ALPHA_NETWORK_POLICY;
    }

    @Override
    public String apiVersion() {
        return "net.alpha.kubernetes.io/v1alpha1";
    }

    @Override
    public Class<AlphaNetworkPolicyObject> wireType() {
        return AlphaNetworkPolicyObject.class;
    }

    @Override
    public String apiVersionOf(AlphaNetworkPolicyObject wire) {
        return wire.apiVersion();
    }

    @Override
    public String kindOf(AlphaNetworkPolicyObject wire) {
        return wire.kind();
    }

    @Override
    public ObjectMeta metadataOf(AlphaNetworkPolicyObject wire) {
        return wire.metadata();
    }

    @Override
    public ObjectCommand create(
            Caller caller, String namespace, String name, String uid, ObjectMeta m, AlphaNetworkPolicyObject wire) {
        return new CreateAlphaNetworkPolicy(namespace, name, uid, m.labels(), m.annotations(), wire.spec());
    }

    @Override
    public ObjectCommand replace(
            String namespace,
            String name,
            ObjectMeta m,
            AlphaNetworkPolicyObject wire,
            String expectedUid,
            Long expectedVersion) {
        return new ReplaceAlphaNetworkPolicy(
                namespace, name, m.labels(), m.annotations(), wire.spec(), expectedUid, expectedVersion);
    }

    @Override
    public ObjectCommand delete(String namespace, String name, String expectedUid, Long expectedVersion) {
        return new DeleteAlphaNetworkPolicy(namespace, name, expectedUid, expectedVersion);
    }

    @Override
    public AlphaNetworkPolicyObject toWire(StoredObject stored, ObjectMeta metadata) {
        return new AlphaNetworkPolicyObject(
                apiVersion(),
                kind().kindName(),
                metadata,
                json.convertValue(stored.spec(), AlphaNetworkPolicySpec.class));
    }
}
