package io.policyledger.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.app.api.wire.PodObject;
import io.policyledger.core.access.Caller;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.pod.CreatePod;
import io.policyledger.core.pod.DeletePod;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import io.policyledger.core.pod.UpdatePod;
import io.policyledger.core.pod.UpdatePodStatus;
import io.policyledger.query.objects.StoredObject;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Pods. Their status (addresses) is only changed through {@code /status}, as in Kubernetes. */
@Component
class PodResource implements ResourceDefinition<PodObject> {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Kind kind() {
        return Kind.POD;
    }

    @Override
    public String apiVersion() {
        return "v1";
    }

    @Override
    public Class<PodObject> wireType() {
        return PodObject.class;
    }

    @Override
    public String apiVersionOf(PodObject wire) {
        return wire.apiVersion();
    }

    @Override
    public String kindOf(PodObject wire) {
        return wire.kind();
    }

    @Override
    public ObjectMeta metadataOf(PodObject wire) {
        return wire.metadata();
    }

    @Override
    public ObjectCommand create(
            Caller caller, String namespace, String name, String uid, ObjectMeta m, PodObject wire) {
        return new CreatePod(namespace, name, uid, m.labels(), m.annotations(), wire.spec(), wire.status());
    }

    @Override
    public ObjectCommand replace(
            String namespace, String name, ObjectMeta m, PodObject wire, String expectedUid, Long expectedVersion) {
        return new UpdatePod(namespace, name, m.labels(), m.annotations(), wire.spec(), expectedUid, expectedVersion);
    }

    @Override
    public Optional<ObjectCommand> replaceStatus(
            String namespace, String name, PodObject wire, String expectedUid, Long expectedVersion) {
        return Optional.of(new UpdatePodStatus(namespace, name, wire.status(), expectedUid, expectedVersion));
    }

    @Override
    public ObjectCommand delete(String namespace, String name, String expectedUid, Long expectedVersion) {
        return new DeletePod(namespace, name, expectedUid, expectedVersion);
    }

    @Override
    public PodObject toWire(StoredObject stored, ObjectMeta metadata) {
        PodStatus status = stored.status() == null ? null : json.convertValue(stored.status(), PodStatus.class);
        return new PodObject(
                apiVersion(), kind().kindName(), metadata, json.convertValue(stored.spec(), PodSpec.class), status);
    }
}
