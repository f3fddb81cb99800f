package io.policyledger.app.api.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code /openapi/v3}: the index, and one document per group version. There is no v2 (404). */
@RestController
class OpenApiController {

    private final OpenApiDocuments documents = new OpenApiDocuments();

    @GetMapping("/openapi/v3")
    ResponseEntity<ObjectNode> index() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(documents.index());
    }

    @GetMapping("/openapi/v3/api/{version}")
    ResponseEntity<byte[]> core(@PathVariable String version, HttpServletRequest request) {
        return answer("api/" + version, request);
    }

    @GetMapping("/openapi/v3/apis/{group}/{version}")
    ResponseEntity<byte[]> group(@PathVariable String group, @PathVariable String version, HttpServletRequest request) {
        return answer("apis/" + group + "/" + version, request);
    }

    private ResponseEntity<byte[]> answer(String key, HttpServletRequest request) {
        byte[] body = documents
                .document(key)
                .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
        // Addressed by its hash, a document never changes: clients may keep it.
        CacheControl cache = request.getParameter("hash") != null
                ? CacheControl.maxAge(java.time.Duration.ofDays(365))
                        .cachePublic()
                        .immutable()
                : CacheControl.noCache();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(cache)
                .body(body);
    }
}
