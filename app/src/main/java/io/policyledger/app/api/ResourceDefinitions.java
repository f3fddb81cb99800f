package io.policyledger.app.api;

import io.policyledger.app.api.registry.ApiResource;
import io.policyledger.app.api.registry.ApiResources;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

/** The {@link ResourceDefinition} of each registered resource that stores objects, and of a request's route. */
@Component
public class ResourceDefinitions {

    private final List<ResourceDefinition<?>> definitions;

    ResourceDefinitions(List<ResourceDefinition<?>> definitions) {
        this.definitions = List.copyOf(definitions);
    }

    /** The definition serving a registered resource; empty for views without stored objects. */
    Optional<ResourceDefinition<?>> of(ApiResource resource) {
        return definitions.stream()
                .filter(d -> d.apiVersion().equals(resource.apiVersion())
                        && d.kind().resource().equals(resource.plural()))
                .findFirst();
    }

    /**
     * The resource a request addresses, read from the route pattern it matched rather than its raw URI,
     * so it is the same resource the access rule decided on.
     */
    public static Optional<ApiResource> matchedResource(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return ApiResources.forPath(
                pattern instanceof String matched
                        ? matched
                        : request.getRequestURI()
                                .substring(request.getContextPath().length()));
    }
}
