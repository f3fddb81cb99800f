package io.policyledger.app.api;

import io.policyledger.app.api.wire.ObjectMeta;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * What a request's object must agree with before it becomes a command: its apiVersion and kind with the
 * route's, its name and namespace with the URL's; and the request's dryRun values.
 */
final class WireChecks {

    private WireChecks() {}

    /** {@code ?dryRun=All} (or DeleteOptions' {@code dryRun: [All]}): decide, store nothing, answer the impact. */
    static boolean dryRunRequested(HttpServletRequest request, List<String> fromOptions) {
        List<String> values = new ArrayList<>();
        String[] params = request.getParameterValues("dryRun");
        if (params != null) {
            values.addAll(List.of(params));
        }
        if (fromOptions != null) {
            values.addAll(fromOptions);
        }
        values.removeIf(String::isEmpty);
        for (String value : values) {
            if (!"All".equals(value)) {
                throw ApiException.badRequest(
                        "invalid dryRun value \"" + value + "\": the only supported value is All");
            }
        }
        return !values.isEmpty();
    }

    static <W> void checkTypeMeta(ResourceDefinition<W> def, W wire) {
        String apiVersion = def.apiVersionOf(wire);
        if (apiVersion != null && !apiVersion.isEmpty() && !apiVersion.equals(def.apiVersion())) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + def.apiVersion() + ")");
        }
        String kind = def.kindOf(wire);
        if (kind != null && !kind.isEmpty() && !kind.equals(def.kind().kindName())) {
            throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                    + def.kind().kindName() + ")");
        }
    }

    static <W> ObjectMeta metadataOf(ResourceDefinition<W> def, W wire) {
        ObjectMeta meta = def.metadataOf(wire);
        return meta == null ? ObjectMeta.EMPTY : meta;
    }

    static void checkName(String urlName, ObjectMeta meta) {
        if (meta.name() != null && !meta.name().isEmpty() && !meta.name().equals(urlName)) {
            throw ApiException.badRequest("the name of the object (" + meta.name()
                    + ") does not match the name on the URL (" + urlName + ")");
        }
    }

    static <W> void checkNamespace(ResourceDefinition<W> def, String namespace, ObjectMeta meta) {
        if (def.kind().namespaced()
                && meta.namespace() != null
                && !meta.namespace().isEmpty()
                && !meta.namespace().equals(namespace)) {
            throw ApiException.badRequest("the namespace of the provided object (" + meta.namespace()
                    + ") does not match the namespace sent on the request (" + namespace + ")");
        }
    }
}
