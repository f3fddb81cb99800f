package io.policyledger.app.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.api.wire.AlphaNetworkPolicyObject;
import io.policyledger.app.api.wire.ClusterNetworkPolicyObject;
import io.policyledger.app.api.wire.ClusterSettingsObject;
import io.policyledger.app.api.wire.NamespaceObject;
import io.policyledger.app.api.wire.NetworkPolicyObject;
import io.policyledger.app.api.wire.PodObject;
import io.policyledger.app.api.wire.TenantObject;
import io.policyledger.core.namespace.NamespaceLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every resource the API serves, in discovery order (which is also kubectl's preference when two groups
 * have a resource of the same name: {@code networking.k8s.io} NetworkPolicies before the 2016 ones).
 * A new kind is one entry here plus its {@code ResourceDefinition}.
 */
public final class ApiResources {

    public static final GroupVersion NETWORKING_V1 = new GroupVersion("networking.k8s.io", "v1");
    public static final GroupVersion NET_ALPHA = new GroupVersion("net.alpha.kubernetes.io", "v1alpha1");
    public static final GroupVersion LEDGER_V1 = new GroupVersion("policyledger.io", "v1");
    public static final GroupVersion AUTHORIZATION_V1 = new GroupVersion("authorization.k8s.io", "v1");
    public static final GroupVersion POLICY_V1ALPHA2 = new GroupVersion("policy.networking.k8s.io", "v1alpha2");

    private static final List<ApiResource> ALL = List.of(
            new ApiResource(
                    GroupVersion.CORE_V1,
                    "Namespace",
                    "namespaces",
                    "namespace",
                    List.of("ns"),
                    false,
                    ApiResource.ALL_VERBS,
                    NamespaceObject.class,
                    List.of(
                            TableColumn.objectName(),
                            TableColumn.text("Status", 0, "The phase of the namespace.", "/status/phase"),
                            TableColumn.objectAge(),
                            TableColumn.text(
                                    "Tenant",
                                    1,
                                    "The tenant that owns the namespace.",
                                    "/metadata/labels/" + NamespaceLabels.TENANT.replace("/", "~1"))),
                    true,
                    Map.of("metadata.finalizers", PatchStrategy.union()),
                    List.of(),
                    "Namespace provides a scope for Names. A namespace belongs to one tenant.",
                    ApiAccess.NAMESPACES),
            new ApiResource(
                    GroupVersion.CORE_V1,
                    "Pod",
                    "pods",
                    "pod",
                    List.of("po"),
                    true,
                    ApiResource.ALL_VERBS,
                    PodObject.class,
                    List.of(
                            TableColumn.objectName(),
                            TableColumn.text("Node", 0, "The node the pod runs on.", "/spec/nodeName"),
                            TableColumn.text(
                                    "IP",
                                    0,
                                    "The pod's primary address, registered by its node's agent.",
                                    "/status/podIP"),
                            TableColumn.objectAge(),
                            TableColumn.custom(
                                    "Ports",
                                    "string",
                                    1,
                                    "The named ports of the pod's containers.",
                                    (o, now) -> namedPorts(o))),
                    true,
                    Map.of(
                            "metadata.finalizers",
                            PatchStrategy.union(),
                            "spec.containers",
                            PatchStrategy.mergeBy("name"),
                            "spec.containers.ports",
                            PatchStrategy.mergeBy("containerPort"),
                            "status.podIPs",
                            PatchStrategy.mergeBy("ip")),
                    List.of(new ApiResource.Subresource("status", "Pod", List.of("get", "patch", "update"))),
                    "Pod is a group of containers on one node; the ledger keeps its labels, node, ports and addresses.",
                    ApiAccess.NAMESPACED_WITH_AGENTS),
            new ApiResource(
                    NETWORKING_V1,
                    "NetworkPolicy",
                    "networkpolicies",
                    "networkpolicy",
                    List.of("netpol"),
                    true,
                    ApiResource.ALL_VERBS,
                    NetworkPolicyObject.class,
                    List.of(
                            TableColumn.objectName(),
                            TableColumn.custom(
                                    "Pod-Selector",
                                    "string",
                                    0,
                                    "Selects the pods to which this NetworkPolicy object applies.",
                                    (o, now) -> Selectors.format(o.at("/spec/podSelector"))),
                            TableColumn.objectAge(),
                            TableColumn.custom(
                                    "Policy-Types",
                                    "string",
                                    1,
                                    "The rule types the NetworkPolicy relates to.",
                                    (o, now) -> policyTypes(o))),
                    true,
                    Map.of("metadata.finalizers", PatchStrategy.union()),
                    List.of(),
                    "NetworkPolicy describes what network traffic is allowed for a set of Pods.",
                    ApiAccess.NAMESPACED),
            new ApiResource(
                    NET_ALPHA,
                    "NetworkPolicy",
                    "networkpolicys",
                    "networkpolicy",
                    List.of(),
                    true,
                    ApiResource.ALL_VERBS,
                    AlphaNetworkPolicyObject.class,
                    List.of(
                            TableColumn.objectName(),
                            TableColumn.custom(
                                    "Pod-Selector",
                                    "string",
                                    0,
                                    "Selects the pods to which this NetworkPolicy object applies.",
                                    (o, now) -> Selectors.format(o.at("/spec/podSelector"))),
                            TableColumn.objectAge()),
                    false,
                    Map.of(),
                    List.of(),
                    "NetworkPolicy in its 2016 form: allow-lists that take effect in namespaces isolated by annotation.",
                    ApiAccess.NAMESPACED),
            new ApiResource(
                    POLICY_V1ALPHA2,
                    "ClusterNetworkPolicy",
                    "clusternetworkpolicies",
                    "clusternetworkpolicy",
                    List.of("cnp"),
                    false,
                    ApiResource.ALL_VERBS,
                    ClusterNetworkPolicyObject.class,
                    List.of(
                            TableColumn.objectName(),
                            TableColumn.text(
                                    "Tier", 0, "Admin (above NetworkPolicies) or Baseline (below them).", "/spec/tier"),
                            TableColumn.text("Priority", 0, "Lower first, within the tier.", "/spec/priority"),
                            TableColumn.objectAge()),
                    false,
                    Map.of(),
                    List.of(),
                    "ClusterNetworkPolicy is a platform's rules above (Admin tier) or below (Baseline tier) what tenants' "
                            + "NetworkPolicies say, ordered by priority: Accept, Deny or Pass.",
                    ApiAccess.PLATFORM_TENANTS_READ),
            new ApiResource(
                    LEDGER_V1,
                    "Tenant",
                    "tenants",
                    "tenant",
                    List.of(),
                    false,
                    ApiResource.ALL_VERBS,
                    TenantObject.class,
                    List.of(TableColumn.objectName(), TableColumn.objectAge()),
                    false,
                    Map.of(),
                    List.of(
                            new ApiResource.Subresource("tokens", "Token", List.of("create", "delete", "get", "list")),
                            new ApiResource.Subresource("events", "Event", List.of("get"))),
                    "Tenant owns namespaces and credentials; nothing of one tenant is visible to another.",
                    ApiAccess.PLATFORM),
            new ApiResource(
                    LEDGER_V1,
                    "ClusterSettings",
                    "clustersettings",
                    "clustersettings",
                    List.of(),
                    false,
                    ApiResource.ALL_VERBS,
                    ClusterSettingsObject.class,
                    List.of(TableColumn.objectName(), TableColumn.objectAge()),
                    false,
                    Map.of(),
                    List.of(),
                    "ClusterSettings is the one object named default: cluster-wide settings.",
                    ApiAccess.PLATFORM),
            new ApiResource(
                    LEDGER_V1,
                    "EffectiveRules",
                    "effectiverules",
                    "effectiverules",
                    List.of("er"),
                    true,
                    List.of("get", "list"),
                    null,
                    List.of(
                            TableColumn.objectName(),
                            TableColumn.text("Node", 0, "The node the pod runs on.", "/pod/nodeName"),
                            TableColumn.custom(
                                    "Ingress",
                                    "string",
                                    0,
                                    "Who may reach the pod.",
                                    (o, now) -> direction(o.path("ingress"))),
                            TableColumn.custom(
                                    "Egress",
                                    "string",
                                    0,
                                    "Whom the pod may reach.",
                                    (o, now) -> direction(o.path("egress")))),
                    false,
                    Map.of(),
                    List.of(),
                    "EffectiveRules of a pod: who may reach it and whom it may reach, on which ports, and why (read only).",
                    ApiAccess.OWN_RULES),
            new ApiResource(
                    LEDGER_V1,
                    "Node",
                    "nodes",
                    "node",
                    List.of("no"),
                    false,
                    List.of("get", "list"),
                    null,
                    List.of(
                            TableColumn.objectName(),
                            TableColumn.text("Pods", 0, "Pods on the node.", "/status/pods"),
                            TableColumn.text(
                                    "Enforced",
                                    0,
                                    "The revision the node's agent last reported enforcing.",
                                    "/status/enforcedRevision"),
                            TableColumn.text(
                                    "Current",
                                    0,
                                    "Whether the node enforces the current rules.",
                                    "/status/enforcesCurrentRules"),
                            TableColumn.text(
                                    "Last-Contact", 1, "When the agent last reported.", "/status/lastContact")),
                    false,
                    Map.of(),
                    List.of(
                            new ApiResource.Subresource("status", "Node", List.of("get", "update")),
                            new ApiResource.Subresource("rules", "NodeRules", List.of("get", "watch"))),
                    "Node as the fleet view shows it: which rules revision its agent enforces (read only).",
                    ApiAccess.OWN_RULES),
            new ApiResource(
                    LEDGER_V1,
                    "Event",
                    "events",
                    "event",
                    List.of("ev"),
                    true,
                    List.of("list"),
                    null,
                    List.of(
                            TableColumn.text("Revision", 0, "The event's position in the log.", "/revision"),
                            TableColumn.text("Time", 0, "When the change was stored.", "/time"),
                            TableColumn.text("Actor", 0, "Who made the change.", "/actor/subject"),
                            TableColumn.text("Type", 0, "What happened.", "/type"),
                            TableColumn.custom(
                                    "Object", "string", 0, "The object changed.", (o, now) -> eventObject(o)),
                            TableColumn.text("Request", 1, "The request that made the change.", "/requestId")),
                    false,
                    Map.of(),
                    List.of(),
                    "Event is one entry of the audit trail: who changed what, when (read only).",
                    ApiAccess.OWN_RULES),
            new ApiResource(
                    LEDGER_V1,
                    "Token",
                    "tokens",
                    "token",
                    List.of(),
                    false,
                    List.of("create", "delete", "get", "list"),
                    null,
                    List.of(TableColumn.objectName(), TableColumn.objectAge()),
                    false,
                    Map.of(),
                    List.of(),
                    "Token is a credential of the platform or of a tenant.",
                    ApiAccess.OWN_RULES),
            new ApiResource(
                    LEDGER_V1,
                    "ConnectivityCheck",
                    "connectivitychecks",
                    "connectivitycheck",
                    List.of(),
                    false,
                    List.of("create"),
                    null,
                    List.of(),
                    false,
                    Map.of(),
                    List.of(),
                    "ConnectivityCheck asks whether one pod may reach another, and why (nothing is stored).",
                    ApiAccess.OWN_RULES),
            new ApiResource(
                    LEDGER_V1,
                    "ConnectivityMatrix",
                    "connectivitymatrices",
                    "connectivitymatrix",
                    List.of(),
                    false,
                    List.of("create"),
                    null,
                    List.of(),
                    false,
                    Map.of(),
                    List.of(),
                    "ConnectivityMatrix sweeps pods of some namespaces x ports in one call: each cell allowed or not, "
                            + "and why (nothing is stored).",
                    ApiAccess.OWN_RULES),
            new ApiResource(
                    AUTHORIZATION_V1,
                    "SelfSubjectAccessReview",
                    "selfsubjectaccessreviews",
                    "selfsubjectaccessreview",
                    List.of(),
                    false,
                    List.of("create"),
                    null,
                    List.of(),
                    false,
                    Map.of(),
                    List.of(),
                    "SelfSubjectAccessReview asks whether the caller may do something (kubectl auth can-i).",
                    ApiAccess.OWN_RULES),
            new ApiResource(
                    AUTHORIZATION_V1,
                    "SelfSubjectRulesReview",
                    "selfsubjectrulesreviews",
                    "selfsubjectrulesreview",
                    List.of(),
                    false,
                    List.of("create"),
                    null,
                    List.of(),
                    false,
                    Map.of(),
                    List.of(),
                    "SelfSubjectRulesReview lists what the caller may do in a namespace (kubectl auth can-i --list).",
                    ApiAccess.OWN_RULES));

    private ApiResources() {}

    public static List<ApiResource> all() {
        return ALL;
    }

    /** The group versions served, in discovery order. */
    public static List<GroupVersion> groupVersions() {
        return ALL.stream().map(ApiResource::groupVersion).distinct().toList();
    }

    public static List<ApiResource> in(GroupVersion groupVersion) {
        return ALL.stream().filter(r -> r.groupVersion().equals(groupVersion)).toList();
    }

    public static Optional<ApiResource> find(GroupVersion groupVersion, String plural) {
        return ALL.stream()
                .filter(r -> r.groupVersion().equals(groupVersion) && r.plural().equals(plural))
                .findFirst();
    }

    /**
     * Labels the server sets on objects of a resource whatever a client sends (a namespace's name and
     * tenant): they belong to no field manager.
     */
    public static java.util.Set<String> serverSetLabels(ApiResource resource) {
        return resource.kind().equals("Namespace") && resource.group().isEmpty()
                ? java.util.Set.of(NamespaceLabels.NAME, NamespaceLabels.TENANT)
                : java.util.Set.of();
    }

    /** The resource of an {@code apiVersion} and plural, which must be registered. */
    public static ApiResource of(String apiVersion, String plural) {
        return ALL.stream()
                .filter(r -> r.apiVersion().equals(apiVersion) && r.plural().equals(plural))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("not registered: " + plural + " of " + apiVersion));
    }

    /** The resource a request path addresses ({@code /apis/g/v/namespaces/ns/plural/name}), if any. */
    public static Optional<ApiResource> forPath(String path) {
        for (GroupVersion gv : groupVersions()) {
            String prefix = gv.path() + "/";
            if (!path.startsWith(prefix)) {
                continue;
            }
            String[] parts = path.substring(prefix.length()).split("/");
            // namespaces/{ns}/pods, tenants/{t}/events: the resource is the third segment when it is one.
            if (parts.length >= 3) {
                Optional<ApiResource> nested = find(gv, parts[2]);
                if (nested.isPresent()) {
                    return nested;
                }
            }
            return find(gv, parts[0]);
        }
        return Optional.empty();
    }

    private static String namedPorts(JsonNode pod) {
        List<String> ports = new ArrayList<>();
        for (JsonNode container : pod.at("/spec/containers")) {
            for (JsonNode port : container.path("ports")) {
                String number = port.path("containerPort").asText("");
                String protocol = port.path("protocol").asText("TCP");
                ports.add((port.hasNonNull("name") ? port.get("name").asText() + ":" : "") + number + "/" + protocol);
            }
        }
        return ports.isEmpty() ? "<none>" : String.join(",", ports);
    }

    private static String policyTypes(JsonNode policy) {
        JsonNode types = policy.at("/spec/policyTypes");
        if (types.isArray() && !types.isEmpty()) {
            List<String> names = new ArrayList<>();
            types.forEach(t -> names.add(t.asText()));
            return String.join(",", names);
        }
        // As Kubernetes defaults it: Ingress always, Egress when there are egress rules.
        return policy.at("/spec/egress").isArray() ? "Ingress,Egress" : "Ingress";
    }

    private static String direction(JsonNode direction) {
        if (!direction.path("isolated").asBoolean(false)) {
            return "open";
        }
        int allows = direction.path("allow").size();
        return "isolated, " + allows + (allows == 1 ? " allow" : " allows");
    }

    private static String eventObject(JsonNode event) {
        JsonNode object = event.path("object");
        if (object.isMissingNode()) {
            return "<none>";
        }
        String namespace = object.path("namespace").asText("");
        String name = object.path("name").asText("");
        boolean inNamespace =
                !namespace.isEmpty() && !object.path("kind").asText("").equals("Namespace");
        return object.path("kind").asText("") + " " + (inNamespace ? namespace + "/" : "") + name;
    }
}
