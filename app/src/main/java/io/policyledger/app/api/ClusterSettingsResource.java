package io.policyledger.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.api.wire.ClusterSettingsObject;
import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.core.access.Caller;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.settings.ClusterSettingsSpec;
import io.policyledger.core.settings.CreateClusterSettings;
import io.policyledger.core.settings.DeleteClusterSettings;
import io.policyledger.core.settings.ReplaceClusterSettings;
import io.policyledger.query.objects.StoredObject;
import org.springframework.stereotype.Component;

@Component
class ClusterSettingsResource implements ResourceDefinition<ClusterSettingsObject> {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Kind kind() {
        return Kind.CLUSTER_SETTINGS;
    }

    @Override
    public String apiVersion() {
        return "policyledger.io/v1";
    }

    @Override
    public Class<ClusterSettingsObject> wireType() {
        return ClusterSettingsObject.class;
    }

    @Override
    public String apiVersionOf(ClusterSettingsObject wire) {
        return wire.apiVersion();
    }

    @Override
    public String kindOf(ClusterSettingsObject wire) {
        return wire.kind();
    }

    @Override
    public ObjectMeta metadataOf(ClusterSettingsObject wire) {
        return wire.metadata();
    }

    @Override
    public ObjectCommand create(
            Caller caller, String namespace, String name, String uid, ObjectMeta m, ClusterSettingsObject wire) {
        return new CreateClusterSettings(name, uid, m.labels(), m.annotations(), wire.spec());
    }

    @Override
    public ObjectCommand replace(
            String namespace,
            String name,
            ObjectMeta m,
            ClusterSettingsObject wire,
            String expectedUid,
            Long expectedVersion) {
        return new ReplaceClusterSettings(name, m.labels(), m.annotations(), wire.spec(), expectedUid, expectedVersion);
    }

    @Override
    public ObjectCommand delete(String namespace, String name, String expectedUid, Long expectedVersion) {
        return new DeleteClusterSettings(name, expectedUid, expectedVersion);
    }

    @Override
    public ClusterSettingsObject toWire(StoredObject stored, ObjectMeta metadata) {
        return new ClusterSettingsObject(
                apiVersion(), kind().kindName(), metadata, json.convertValue(stored.spec(), ClusterSettingsSpec.class));
    }
}
