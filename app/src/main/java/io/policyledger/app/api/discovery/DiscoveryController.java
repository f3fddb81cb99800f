package io.policyledger.app.api.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.api.ApiException;
import io.policyledger.app.api.registry.ApiResource;
import io.policyledger.app.api.registry.ApiResources;
import io.policyledger.app.api.registry.GroupVersion;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Kubernetes discovery, derived from {@link ApiResources}: what kubectl reads before anything else to map
 * {@code kubectl get netpol} to a URL. These are the legacy (unaggregated) documents; answering them as
 * plain {@code application/json} tells kubectl to use them instead of aggregated discovery.
 */
@RestController
class DiscoveryController {

    private final ObjectMapper json = new ObjectMapper();

    @GetMapping("/api")
    ResponseEntity<ObjectNode> coreVersions(HttpServletRequest request) {
        ObjectNode out = json.createObjectNode().put("kind", "APIVersions");
        out.putArray("versions").add(GroupVersion.CORE_V1.version());
        out.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", request.getServerName() + ":" + request.getServerPort());
        return plainJson(out);
    }

    @GetMapping("/apis")
    ResponseEntity<ObjectNode> groups() {
        ObjectNode out = json.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = out.putArray("groups");
        groupNames().forEach(g -> groups.add(group(g)));
        return plainJson(out);
    }

    @GetMapping("/apis/{group}")
    ResponseEntity<ObjectNode> group(@PathVariable String group, HttpServletRequest request) {
        if (!groupNames().contains(group)) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        return plainJson(group(group).put("kind", "APIGroup").put("apiVersion", "v1"));
    }

    @GetMapping("/api/v1")
    ResponseEntity<ObjectNode> coreResources() {
        return plainJson(resources(GroupVersion.CORE_V1));
    }

    @GetMapping("/apis/{group}/{version}")
    ResponseEntity<ObjectNode> groupResources(@PathVariable String group, @PathVariable String version) {
        GroupVersion gv = new GroupVersion(group, version);
        if (group.isEmpty() || ApiResources.in(gv).isEmpty()) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        return plainJson(resources(gv));
    }

    /** The Kubernetes API level whose conventions the server follows (kubectl compares it with its own). */
    @GetMapping("/version")
    ResponseEntity<ObjectNode> version() {
        String own = DiscoveryController.class.getPackage().getImplementationVersion();
        ObjectNode out = json.createObjectNode().put("major", "1").put("minor", "32")
                .put("gitVersion", "v1.32.0+policyledger" + (own == null ? "" : "." + own))
                .put("gitCommit", "").put("gitTreeState", "clean").put("buildDate", "")
                .put("goVersion", "java" + Runtime.version().feature()).put("compiler", "javac")
                .put("platform", System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch"));
        return plainJson(out);
    }

    private static List<String> groupNames() {
        return ApiResources.groupVersions().stream().map(GroupVersion::group).filter(g -> !g.isEmpty())
                .distinct().toList();
    }

    private ObjectNode group(String name) {
        ObjectNode out = json.createObjectNode().put("name", name);
        ArrayNode versions = out.putArray("versions");
        List<GroupVersion> served = ApiResources.groupVersions().stream().filter(gv -> gv.group().equals(name)).toList();
        served.forEach(gv -> versions.addObject().put("groupVersion", gv.apiVersion()).put("version", gv.version()));
        out.putObject("preferredVersion").put("groupVersion", served.get(0).apiVersion())
                .put("version", served.get(0).version());
        return out;
    }

    private ObjectNode resources(GroupVersion gv) {
        ObjectNode out = json.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", gv.apiVersion());
        ArrayNode list = out.putArray("resources");
        for (ApiResource r : ApiResources.in(gv)) {
            ObjectNode entry = list.addObject().put("name", r.plural()).put("singularName", r.singular())
                    .put("namespaced", r.namespaced()).put("kind", r.kind());
            ArrayNode verbs = entry.putArray("verbs");
            r.verbs().forEach(verbs::add);
            if (!r.shortNames().isEmpty()) {
                ArrayNode shortNames = entry.putArray("shortNames");
                r.shortNames().forEach(shortNames::add);
            }
            for (ApiResource.Subresource sub : r.subresources()) {
                ObjectNode subEntry = list.addObject().put("name", r.plural() + "/" + sub.name())
                        .put("singularName", "").put("namespaced", r.namespaced()).put("kind", sub.kind());
                ArrayNode subVerbs = subEntry.putArray("verbs");
                sub.verbs().forEach(subVerbs::add);
            }
        }
        return out;
    }

    private static ResponseEntity<ObjectNode> plainJson(ObjectNode body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
