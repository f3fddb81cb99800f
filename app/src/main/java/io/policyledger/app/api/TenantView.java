package io.policyledger.app.api;

import io.policyledger.query.objects.StoredObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How tenants read a cluster-scoped kind that only the platform writes: which objects concern a tenant,
 * and how each is shown to it (what names another tenant's things is hidden). Decided from the tenant's
 * own namespaces and pods as of the revision read, so a read of the present and a read of the past
 * answer alike.
 */
interface TenantView {

    /** A tenant's namespaces and pods, as of one revision. */
    record TenantObjects(String tenant, List<StoredObject> namespaces, List<StoredObject> pods) {

        public TenantObjects {
            namespaces = List.copyOf(namespaces);
            pods = List.copyOf(pods);
        }

        public Set<String> namespaceNames() {
            return namespaces.stream().map(n -> n.key().name()).collect(Collectors.toSet());
        }

        /** Labels of one of the tenant's namespaces (empty for another's). */
        public Map<String, String> namespaceLabels(String namespace) {
            return namespaces.stream()
                    .filter(n -> n.key().name().equals(namespace))
                    .findFirst()
                    .map(StoredObject::labels)
                    .orElse(Map.of());
        }
    }

    boolean concerns(StoredObject object, TenantObjects mine);

    StoredObject shownTo(StoredObject object, TenantObjects mine);
}
