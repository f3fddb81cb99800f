package io.policyledger.app.api;

import io.policyledger.app.api.registry.ApiResource;
import io.policyledger.app.api.registry.ApiResources;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The Kubernetes REST routes of every object resource, registered from {@link ApiResources} and served by
 * {@link ResourceOperations} with the resource's {@link ResourceDefinition}: list (also across
 * namespaces), create, get, replace, patch, delete, and the status subresource where there is one. A new
 * kind is a registry entry and a definition; no controller repeats its routes.
 */
@Component
@ResponseBody
class ObjectRoutes implements SmartInitializingSingleton {

    private final RequestMappingHandlerMapping mappings;
    private final ResourceOperations operations;
    private final ObjectReads reads;
    private final ResourceDefinitions definitions;

    ObjectRoutes(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings,
            ResourceOperations operations,
            ObjectReads reads,
            ResourceDefinitions definitions) {
        this.mappings = mappings;
        this.operations = operations;
        this.reads = reads;
        this.definitions = definitions;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (ApiResource r : ApiResources.all()) {
            if (definitions.of(r).isEmpty()) {
                continue;
            }
            String collection = r.collectionPath(r.namespaced() ? "{namespace}" : null);
            String item = collection + "/{name}";
            if (r.allows("list")) {
                register("list", RequestMethod.GET, collection);
                if (r.namespaced()) {
                    register("list", RequestMethod.GET, r.collectionPath(null));
                }
            }
            if (r.allows("create")) {
                register("create", RequestMethod.POST, collection);
            }
            if (r.allows("get")) {
                register("get", RequestMethod.GET, item);
            }
            if (r.allows("update")) {
                register("replace", RequestMethod.PUT, item);
            }
            if (r.allows("patch")) {
                register("patch", RequestMethod.PATCH, item);
            }
            if (r.allows("delete")) {
                register("delete", RequestMethod.DELETE, item);
            }
            for (ApiResource.Subresource sub : r.subresources()) {
                if (!sub.name().equals("status") || !sub.kind().equals(r.kind())) {
                    continue;
                }
                String status = item + "/status";
                if (sub.verbs().contains("get")) {
                    register("get", RequestMethod.GET, status);
                }
                if (sub.verbs().contains("update")) {
                    register("replaceStatus", RequestMethod.PUT, status);
                }
                if (sub.verbs().contains("patch")) {
                    register("patchStatus", RequestMethod.PATCH, status);
                }
            }
        }
    }

    private void register(String handler, RequestMethod method, String path) {
        Method target;
        try {
            target = ObjectRoutes.class.getDeclaredMethod(handler, HttpServletRequest.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        mappings.registerMapping(
                RequestMappingInfo.paths(path)
                        .methods(method)
                        .produces(MediaType.APPLICATION_JSON_VALUE)
                        .build(),
                this,
                target);
    }

    Object list(HttpServletRequest request) {
        return reads.list(definition(request), variable(request, "namespace"), request);
    }

    Object create(HttpServletRequest request) {
        return operations.create(definition(request), variable(request, "namespace"), request);
    }

    Object get(HttpServletRequest request) {
        return reads.get(definition(request), variable(request, "namespace"), variable(request, "name"), request);
    }

    Object replace(HttpServletRequest request) {
        return operations.replace(
                definition(request),
                variable(request, "namespace"),
                variable(request, "name"),
                ResourceOperations.Part.MAIN,
                request);
    }

    Object patch(HttpServletRequest request) {
        return operations.patch(
                definition(request),
                variable(request, "namespace"),
                variable(request, "name"),
                ResourceOperations.Part.MAIN,
                request);
    }

    Object replaceStatus(HttpServletRequest request) {
        return operations.replace(
                definition(request),
                variable(request, "namespace"),
                variable(request, "name"),
                ResourceOperations.Part.STATUS,
                request);
    }

    Object patchStatus(HttpServletRequest request) {
        return operations.patch(
                definition(request),
                variable(request, "namespace"),
                variable(request, "name"),
                ResourceOperations.Part.STATUS,
                request);
    }

    Object delete(HttpServletRequest request) {
        return operations.delete(
                definition(request), variable(request, "namespace"), variable(request, "name"), request);
    }

    private ResourceDefinition<?> definition(HttpServletRequest request) {
        return ResourceDefinitions.matchedResource(request)
                .flatMap(definitions::of)
                .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
    }

    @SuppressWarnings("unchecked")
    private static String variable(HttpServletRequest request, String name) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? ((Map<String, String>) map).get(name) : null;
    }
}
