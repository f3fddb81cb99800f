package io.policyledger.app.api;

import io.policyledger.app.api.wire.NamespaceObject;
import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.core.namespace.ChangeNamespaceMetadata;
import io.policyledger.core.namespace.CreateNamespace;
import io.policyledger.core.namespace.DeleteNamespace;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.query.objects.StoredObject;
import java.util.List;
import org.springframework.stereotype.Component;

/** Namespaces: only labels and annotations can change; they are always Active (deletion is immediate). */
@Component
class NamespaceResource implements ResourceDefinition<NamespaceObject> {

    private static final NamespaceObject.Spec SPEC = new NamespaceObject.Spec(List.of("kubernetes"));
    private static final NamespaceObject.Status ACTIVE = new NamespaceObject.Status("Active");

    @Override
    public Kind kind() {
        return Kind.NAMESPACE;
    }

    @Override
    public String apiVersion() {
        return "v1";
    }

    @Override
    public Class<NamespaceObject> wireType() {
        return NamespaceObject.class;
    }

    @Override
    public String apiVersionOf(NamespaceObject wire) {
        return wire.apiVersion();
    }

    @Override
    public String kindOf(NamespaceObject wire) {
        return wire.kind();
    }

    @Override
    public ObjectMeta metadataOf(NamespaceObject wire) {
        return wire.metadata();
    }

    @Override
    public ObjectCommand create(String namespace, String name, String uid, NamespaceObject wire) {
        ObjectMeta m = wire.metadata();
        return new CreateNamespace(name, uid, m.labels(), m.annotations());
    }

    @Override
    public ObjectCommand replace(String namespace, String name, NamespaceObject wire, String expectedUid,
                                 Long expectedVersion) {
        ObjectMeta m = wire.metadata();
        return new ChangeNamespaceMetadata(name, m.labels(), m.annotations(), expectedUid, expectedVersion);
    }

    @Override
    public ObjectCommand delete(String namespace, String name, String expectedUid, Long expectedVersion) {
        return new DeleteNamespace(name, expectedUid, expectedVersion);
    }

    @Override
    public NamespaceObject toWire(StoredObject stored, ObjectMeta metadata) {
        return new NamespaceObject(apiVersion(), kind().kindName(), metadata, SPEC, ACTIVE);
    }
}
