package io.policyledger.app.api.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.api.registry.ApiResource;
import io.policyledger.app.api.registry.ApiResources;
import io.policyledger.app.api.registry.GroupVersion;
import java.util.List;
import java.util.Optional;

/** The legacy discovery documents, built from {@link ApiResources}. */
public final class DiscoveryDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DiscoveryDocuments() {}

    /** {@code /api}: the core group's versions, reachable at the given address. */
    public static ObjectNode coreVersions(String serverAddress) {
        ObjectNode out = JSON.createObjectNode().put("kind", "APIVersions");
        out.putArray("versions").add(GroupVersion.CORE_V1.version());
        out.putArray("serverAddressByClientCIDRs")
                .addObject()
                .put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", serverAddress);
        return out;
    }

    /** {@code /apis}: every named group with its versions, in preference order. */
    public static ObjectNode groups() {
        ObjectNode out = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = out.putArray("groups");
        groupNames().forEach(g -> groups.add(group(g)));
        return out;
    }

    /** {@code /apis/{group}}. */
    public static Optional<ObjectNode> namedGroup(String name) {
        if (!groupNames().contains(name)) {
            return Optional.empty();
        }
        return Optional.of(group(name).put("kind", "APIGroup").put("apiVersion", "v1"));
    }

    /** {@code /api/v1} or {@code /apis/{group}/{version}}. */
    public static Optional<ObjectNode> resources(GroupVersion gv) {
        List<ApiResource> served = ApiResources.in(gv);
        if (served.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode out = JSON.createObjectNode()
                .put("kind", "APIResourceList")
                .put("apiVersion", "v1")
                .put("groupVersion", gv.apiVersion());
        ArrayNode list = out.putArray("resources");
        for (ApiResource r : served) {
            ObjectNode entry = list.addObject()
                    .put("name", r.plural())
                    .put("singularName", r.singular())
                    .put("namespaced", r.namespaced())
                    .put("kind", r.kind());
            ArrayNode verbs = entry.putArray("verbs");
            r.verbs().forEach(verbs::add);
            if (!r.shortNames().isEmpty()) {
                ArrayNode shortNames = entry.putArray("shortNames");
                r.shortNames().forEach(shortNames::add);
            }
            for (ApiResource.Subresource sub : r.subresources()) {
                ObjectNode subEntry = list.addObject()
                        .put("name", r.plural() + "/" + sub.name())
                        .put("singularName", "")
                        .put("namespaced", r.namespaced())
                        .put("kind", sub.kind());
                ArrayNode subVerbs = subEntry.putArray("verbs");
                sub.verbs().forEach(subVerbs::add);
            }
        }
        return Optional.of(out);
    }

    private static List<String> groupNames() {
        return ApiResources.groupVersions().stream()
                .map(GroupVersion::group)
                .filter(g -> !g.isEmpty())
                .distinct()
                .toList();
    }

    private static ObjectNode group(String name) {
        ObjectNode out = JSON.createObjectNode().put("name", name);
        ArrayNode versions = out.putArray("versions");
        List<GroupVersion> served = ApiResources.groupVersions().stream()
                .filter(gv -> gv.group().equals(name))
                .toList();
        served.forEach(
                gv -> versions.addObject().put("groupVersion", gv.apiVersion()).put("version", gv.version()));
        out.putObject("preferredVersion")
                .put("groupVersion", served.get(0).apiVersion())
                .put("version", served.get(0).version());
        return out;
    }
}
