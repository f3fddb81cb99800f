package io.policyledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySpec;
import io.policyledger.core.engine.ClusterPolicyCompiler;
import io.policyledger.core.engine.CompiledClusterPolicy;
import io.policyledger.core.namespace.NamespaceLabels;
import io.policyledger.query.objects.StoredObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A tenant reads the ClusterNetworkPolicies whose subject selects at least one of its pods: those are
 * the platform's rules about its traffic. Selector values that name another tenant or another tenant's
 * namespace ({@code policyledger.io/tenant}, {@code kubernetes.io/metadata.name}) are shown as
 * {@value #HIDDEN} (in its labels too), and its annotations are left out: which tenants the platform
 * singles out is not one tenant's business.
 */
final class ClusterNetworkPolicyTenantView implements TenantView {

    static final String HIDDEN = "(another tenant's)";
    private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    private final ObjectMapper json = new ObjectMapper();

    /** Its subject, as the engine selects pods by it, selects one of the tenant's pods. */
    @Override
    public boolean concerns(StoredObject object, TenantObjects mine) {
        CompiledClusterPolicy policy =
                ClusterPolicyCompiler.compile(object.key().name(), spec(object));
        Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
        for (StoredObject pod : mine.pods()) {
            Map<String, String> ns = namespaceLabels.computeIfAbsent(pod.key().namespace(), mine::namespaceLabels);
            if (policy.selects(ns, pod.labels())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public StoredObject shownTo(StoredObject object, TenantObjects mine) {
        JsonNode spec = object.spec().deepCopy();
        hide(spec, mine.tenant(), mine.namespaceNames());
        Map<String, String> labels = new java.util.TreeMap<>();
        object.labels().forEach((k, v) -> labels.put(k, own(k, v, mine.tenant(), mine.namespaceNames()) ? v : HIDDEN));
        // Annotations are the platform's notes, and may hold the whole spec as written (kubectl's
        // last-applied-configuration), names included: tenants get none.
        return new StoredObject(
                object.key(),
                object.uid(),
                object.resourceVersion(),
                object.generation(),
                object.creationTimestamp(),
                labels,
                Map.of(),
                spec,
                object.status());
    }

    /** Every label selector in the tree: values of the two naming labels that are not the tenant's own. */
    private static void hide(JsonNode node, String tenant, Set<String> ownNamespaces) {
        if (node instanceof ObjectNode object) {
            if (object.get("matchLabels") instanceof ObjectNode labels) {
                labels.fields().forEachRemaining(e -> {
                    if (!own(e.getKey(), e.getValue().asText(), tenant, ownNamespaces)) {
                        e.setValue(TextNode.valueOf(HIDDEN));
                    }
                });
            }
            if (object.get("matchExpressions") instanceof ArrayNode expressions) {
                for (JsonNode e : expressions) {
                    if (e.get("values") instanceof ArrayNode values) {
                        String key = e.path("key").asText();
                        for (int i = 0; i < values.size(); i++) {
                            if (!own(key, values.get(i).asText(), tenant, ownNamespaces)) {
                                values.set(i, TextNode.valueOf(HIDDEN));
                            }
                        }
                    }
                }
            }
            object.elements().forEachRemaining(child -> hide(child, tenant, ownNamespaces));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> hide(child, tenant, ownNamespaces));
        }
    }

    private static boolean own(String key, String value, String tenant, Set<String> ownNamespaces) {
        return switch (key) {
            case NamespaceLabels.TENANT -> value.equals(tenant);
            case NAMESPACE_NAME -> ownNamespaces.contains(value);
            default -> true;
        };
    }

    private ClusterNetworkPolicySpec spec(StoredObject object) {
        try {
            return json.treeToValue(object.spec(), ClusterNetworkPolicySpec.class);
        } catch (Exception e) {
            throw new IllegalStateException("stored ClusterNetworkPolicy unreadable: " + object.key(), e);
        }
    }
}
