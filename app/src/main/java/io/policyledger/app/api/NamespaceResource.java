package io.policyledger.app.api;

import io.policyledger.app.api.wire.NamespaceObject;
import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.core.access.Caller;
import io.policyledger.core.namespace.ChangeNamespaceMetadata;
import io.policyledger.core.namespace.CreateNamespace;
import io.policyledger.core.namespace.DeleteNamespace;
import io.policyledger.core.namespace.NamespaceLabels;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.validation.FieldViolation;
import io.policyledger.core.validation.InvalidObjectException;
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
    public ObjectCommand create(
            Caller caller, String namespace, String name, String uid, ObjectMeta m, NamespaceObject wire) {
        return new CreateNamespace(name, uid, tenantFor(caller, name, m), m.labels(), m.annotations());
    }

    /**
     * A tenant's caller creates namespaces of its own tenant; a platform admin names the tenant with
     * the tenant label.
     */
    private static String tenantFor(Caller caller, String name, ObjectMeta meta) {
        if (caller.role().tenantScoped()) {
            return caller.tenant();
        }
        String named = meta.labels() == null ? null : meta.labels().get(NamespaceLabels.TENANT);
        if (named == null || named.isEmpty()) {
            throw new InvalidObjectException(
                    Kind.NAMESPACE,
                    name,
                    List.of(new FieldViolation(
                            FieldViolation.Type.FieldValueRequired,
                            "metadata.labels[" + NamespaceLabels.TENANT + "]",
                            "Required value: a platform admin names the tenant that owns the namespace")));
        }
        return named;
    }

    @Override
    public ObjectCommand replace(
            String namespace,
            String name,
            ObjectMeta m,
            NamespaceObject wire,
            String expectedUid,
            Long expectedVersion) {
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
