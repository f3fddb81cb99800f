package io.policyledger.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.api.wire.NetworkPolicyObject;
import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.core.access.Caller;
import io.policyledger.core.networkpolicy.CreateNetworkPolicy;
import io.policyledger.core.networkpolicy.DeleteNetworkPolicy;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.networkpolicy.ReplaceNetworkPolicy;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.query.objects.StoredObject;
import org.springframework.stereotype.Component;

@Component
class NetworkPolicyResource implements ResourceDefinition<NetworkPolicyObject> {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Kind kind() {
        return Kind.NETWORK_POLICY;
    }

    @Override
    public String apiVersion() {
        return "networking.k8s.io/v1";
    }

    @Override
    public Class<NetworkPolicyObject> wireType() {
        return NetworkPolicyObject.class;
    }

    @Override
    public String apiVersionOf(NetworkPolicyObject wire) {
        return wire.apiVersion();
    }

    @Override
    public String kindOf(NetworkPolicyObject wire) {
        return wire.kind();
    }

    @Override
    public ObjectMeta metadataOf(NetworkPolicyObject wire) {
        return wire.metadata();
    }

    @Override
    public ObjectCommand create(
            Caller caller, String namespace, String name, String uid, ObjectMeta m, NetworkPolicyObject wire) {
        return new CreateNetworkPolicy(namespace, name, uid, m.labels(), m.annotations(), wire.spec());
    }

    @Override
    public ObjectCommand replace(
            String namespace,
            String name,
            ObjectMeta m,
            NetworkPolicyObject wire,
            String expectedUid,
            Long expectedVersion) {
        return new ReplaceNetworkPolicy(
                namespace, name, m.labels(), m.annotations(), wire.spec(), expectedUid, expectedVersion);
    }

    @Override
    public ObjectCommand delete(String namespace, String name, String expectedUid, Long expectedVersion) {
        return new DeleteNetworkPolicy(namespace, name, expectedUid, expectedVersion);
    }

    @Override
    public NetworkPolicyObject toWire(StoredObject stored, ObjectMeta metadata) {
        return new NetworkPolicyObject(
                apiVersion(), kind().kindName(), metadata, json.convertValue(stored.spec(), NetworkPolicySpec.class));
    }
}
