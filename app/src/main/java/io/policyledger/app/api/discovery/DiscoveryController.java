package io.policyledger.app.api.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.api.ApiException;
import io.policyledger.app.api.registry.ApiResources;
import io.policyledger.app.api.registry.GroupVersion;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Kubernetes discovery, derived from {@link ApiResources}: what kubectl reads before anything else to map
 * {@code kubectl get netpol} to a URL. These are the legacy (unaggregated) documents; answering them as
 * plain {@code application/json} (whatever else the client said it accepts) tells kubectl to use them
 * instead of aggregated discovery.
 */
@RestController
class DiscoveryController {

    private final ObjectMapper json = new ObjectMapper();

    @GetMapping("/api")
    ResponseEntity<ObjectNode> coreVersions(HttpServletRequest request) {
        return plainJson(DiscoveryDocuments.coreVersions(request.getServerName() + ":" + request.getServerPort()));
    }

    @GetMapping("/apis")
    ResponseEntity<ObjectNode> groups() {
        return plainJson(DiscoveryDocuments.groups());
    }

    @GetMapping("/apis/{group}")
    ResponseEntity<ObjectNode> group(@PathVariable String group) {
        return plainJson(DiscoveryDocuments.namedGroup(group).orElseThrow(DiscoveryController::notFound));
    }

    @GetMapping("/api/v1")
    ResponseEntity<ObjectNode> coreResources() {
        return plainJson(DiscoveryDocuments.resources(GroupVersion.CORE_V1).orElseThrow(DiscoveryController::notFound));
    }

    @GetMapping("/apis/{group}/{version}")
    ResponseEntity<ObjectNode> groupResources(@PathVariable String group, @PathVariable String version) {
        return plainJson(DiscoveryDocuments.resources(new GroupVersion(group, version))
                .filter(r -> !group.isEmpty())
                .orElseThrow(DiscoveryController::notFound));
    }

    /** The Kubernetes API level whose conventions the server follows (kubectl compares it with its own). */
    @GetMapping("/version")
    ResponseEntity<ObjectNode> version() {
        String own = DiscoveryController.class.getPackage().getImplementationVersion();
        ObjectNode out = json.createObjectNode()
                .put("major", "1")
                .put("minor", "32")
                .put("gitVersion", "v1.32.0+policyledger" + (own == null ? "" : "." + own))
                .put("gitCommit", "")
                .put("gitTreeState", "clean")
                .put("buildDate", "")
                .put("goVersion", "java" + Runtime.version().feature())
                .put("compiler", "javac")
                .put("platform", System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch"));
        return plainJson(out);
    }

    private static ApiException notFound() {
        return ApiException.notFound("the server could not find the requested resource");
    }

    private static ResponseEntity<ObjectNode> plainJson(ObjectNode body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
