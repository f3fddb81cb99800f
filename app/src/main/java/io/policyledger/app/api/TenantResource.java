package io.policyledger.app.api;

import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.app.api.wire.TenantObject;
import io.policyledger.core.access.Caller;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.tenant.ChangeTenantMetadata;
import io.policyledger.core.tenant.CreateTenant;
import io.policyledger.core.tenant.DeleteTenant;
import io.policyledger.query.objects.StoredObject;
import org.springframework.stereotype.Component;

@Component
class TenantResource implements ResourceDefinition<TenantObject> {

    @Override
    public Kind kind() {
        return Kind.TENANT;
    }

    @Override
    public String apiVersion() {
        return "policyledger.io/v1";
    }

    @Override
    public Class<TenantObject> wireType() {
        return TenantObject.class;
    }

    @Override
    public String apiVersionOf(TenantObject wire) {
        return wire.apiVersion();
    }

    @Override
    public String kindOf(TenantObject wire) {
        return wire.kind();
    }

    @Override
    public ObjectMeta metadataOf(TenantObject wire) {
        return wire.metadata();
    }

    @Override
    public ObjectCommand create(
            Caller caller, String namespace, String name, String uid, ObjectMeta m, TenantObject wire) {
        return new CreateTenant(name, uid, m.labels(), m.annotations());
    }

    @Override
    public ObjectCommand replace(
            String namespace, String name, ObjectMeta m, TenantObject wire, String expectedUid, Long expectedVersion) {
        return new ChangeTenantMetadata(name, m.labels(), m.annotations(), expectedUid, expectedVersion);
    }

    @Override
    public ObjectCommand delete(String namespace, String name, String expectedUid, Long expectedVersion) {
        return new DeleteTenant(name, expectedUid, expectedVersion);
    }

    @Override
    public TenantObject toWire(StoredObject stored, ObjectMeta metadata) {
        return new TenantObject(apiVersion(), kind().kindName(), metadata);
    }
}
