package io.policyledger.app.security;

import io.policyledger.app.api.registry.ApiAccess;
import io.policyledger.app.api.registry.ApiResource;
import io.policyledger.app.api.registry.ApiResources;
import io.policyledger.core.access.Caller;
import io.policyledger.core.access.Role;
import io.policyledger.query.objects.CurrentObjectReader;
import io.policyledger.query.objects.Scope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call which route: the one place where every request gets a decision. Every route the API
 * serves has a rule here; a request that matches none is refused (404) rather than let through, and
 * a test checks that no registered route is missing.
 *
 * <p>Decisions, by role:
 * <ul>
 *   <li>platform-admin: everything;</li>
 *   <li>tenant-admin: namespaces of its tenant and the pods and network policies in them (read and write,
 *       but not pod addresses: those come from agents); lists across namespaces show only those;
 *       creating a namespace makes it its tenant's;</li>
 *   <li>tenant-viewer: reads what a tenant-admin of its tenant reads; a write is 403;</li>
 *   <li>agent: reads and registers pods on its node (the node itself is checked on each write);</li>
 *   <li>tenants, tokens, cluster settings, and the actuator (but its health): platform-admin only (403).</li>
 * </ul>
 * A namespace of another tenant, and everything in it, answers 404 to a tenant's caller: that it
 * exists is itself another tenant's information. (Only creating a namespace whose name is taken tells
 * that the name is taken: names are global, as in Kubernetes.)
 */
@Component
public class AccessPolicy implements AuthorizationManager<RequestAuthorizationContext> {

    private static final Set<String> READ = Set.of("GET", "HEAD");
    private static final Set<String> ANY = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final String LEDGER = "/apis/policyledger.io/v1";
    /** What a metrics credential may read, and nothing else. */
    static final String METRICS_PATH = "/actuator/prometheus";

    private final CurrentObjectReader reader;
    private final List<Route> routes = new ArrayList<>();

    public AccessPolicy(CurrentObjectReader reader) {
        this.reader = reader;
        PathPatternParser parser = new PathPatternParser();

        routes.add(new Route(READ, parser.parse("/actuator/health/**"), (c, v, m) -> AccessDecision.allow(), true));
        route(
                parser,
                READ,
                METRICS_PATH,
                (c, v, m) -> c.unrestricted() || c.role() == Role.METRICS
                        ? AccessDecision.allow()
                        : AccessDecision.forbidden(
                                "User \"" + c.subject() + "\" (" + c.role().wireName()
                                        + ") cannot read the metrics: a platform admin or a metrics credential may"));
        route(parser, ANY, "/actuator/**", (c, v, m) -> platformOnly(c, "the actuator"));

        // Anyone may ask what they themselves may do.
        route(
                parser,
                Set.of("POST"),
                "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                (c, v, m) -> AccessDecision.allow());
        route(
                parser,
                Set.of("POST"),
                "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
                (c, v, m) -> AccessDecision.allow());
        // Discovery and schemas describe the API, not anyone's data: every authenticated caller reads them.
        for (String open : List.of(
                "/api",
                "/api/v1",
                "/apis",
                "/apis/{group}",
                "/apis/{group}/{version}",
                "/version",
                "/openapi/v3",
                "/openapi/v3/**")) {
            route(parser, READ, open, (c, v, m) -> AccessDecision.allow());
        }

        // The object resources: their routes and rules follow from the registry.
        for (ApiResource resource : ApiResources.all()) {
            objectRoutes(parser, resource);
        }

        route(
                parser,
                READ,
                LEDGER + "/namespaces/{namespace}/effectiverules",
                (c, v, m) -> inOwnNamespace(c, m, v.get("namespace"), "effectiverules", false));
        route(
                parser,
                READ,
                LEDGER + "/namespaces/{namespace}/effectiverules/{name}",
                (c, v, m) -> inOwnNamespace(c, m, v.get("namespace"), "effectiverules", false));
        // A check only reads; what a tenant may name in it is decided with the objects it names.
        route(
                parser,
                Set.of("POST"),
                LEDGER + "/connectivitychecks",
                (c, v, m) -> c.role() == Role.AGENT
                        ? AccessDecision.forbidden(cannot(c, m, "connectivitychecks", null))
                        : AccessDecision.allow());
        route(
                parser,
                Set.of("POST"),
                LEDGER + "/connectivitymatrices",
                (c, v, m) -> c.role() == Role.AGENT
                        ? AccessDecision.forbidden(cannot(c, m, "connectivitymatrices", null))
                        : AccessDecision.allow());

        // Nodes: an agent streams and reports for its own node; tenants see the nodes running their pods.
        route(
                parser,
                READ,
                LEDGER + "/nodes",
                (c, v, m) -> c.role() == Role.AGENT
                        ? AccessDecision.forbidden(cannot(c, m, "nodes", null))
                        : AccessDecision.allow());
        route(parser, READ, LEDGER + "/nodes/{node}", (c, v, m) -> ownNodeOrViewer(c, m, v.get("node"), "nodes"));
        route(
                parser,
                READ,
                LEDGER + "/nodes/{node}/rules",
                (c, v, m) ->
                        c.unrestricted() || (c.role() == Role.AGENT && c.node().equals(v.get("node")))
                                ? AccessDecision.allow()
                                : AccessDecision.forbidden(cannot(c, m, "nodes/rules", null) + " of node \""
                                        + v.get("node") + "\": only that node's agent or a platform admin may"));
        route(parser, Set.of("GET", "HEAD", "PUT"), LEDGER + "/nodes/{node}/status", (c, v, m) -> {
            if (READ.contains(m)) {
                return ownNodeOrViewer(c, m, v.get("node"), "nodes/status");
            }
            return c.unrestricted() || (c.role() == Role.AGENT && c.node().equals(v.get("node")))
                    ? AccessDecision.allow()
                    : AccessDecision.forbidden(cannot(c, m, "nodes/status", null) + " of node \"" + v.get("node")
                            + "\": a node's status is reported by its agent");
        });

        // The audit trail: everything for the platform; a tenant's own history for its tenant roles.
        route(parser, READ, LEDGER + "/events", (c, v, m) -> platformOnly(c, "the audit trail"));
        route(parser, READ, LEDGER + "/tenants/{tenant}/events", (c, v, m) -> {
            if (c.unrestricted()) {
                return AccessDecision.allow();
            }
            if (!c.role().tenantScoped()) {
                return AccessDecision.forbidden(cannot(c, m, "events", null));
            }
            return c.tenant().equals(v.get("tenant"))
                    ? AccessDecision.allow()
                    : AccessDecision.notFound("tenants \"" + v.get("tenant") + "\" not found");
        });
        route(
                parser,
                READ,
                LEDGER + "/namespaces/{namespace}/events",
                (c, v, m) -> inOwnNamespace(c, m, v.get("namespace"), "events", false));
        route(parser, READ, LEDGER + "/audit/verify", (c, v, m) -> platformOnly(c, "the audit"));
        route(
                parser,
                Set.of("GET", "HEAD", "POST"),
                LEDGER + "/audit/checkpoints",
                (c, v, m) -> platformOnly(c, "the audit"));
        route(parser, READ, LEDGER + "/audit/publickey", (c, v, m) -> platformOnly(c, "the audit"));
        route(
                parser,
                Set.of("GET", "HEAD", "POST"),
                LEDGER + "/audit/rebuilds",
                (c, v, m) -> platformOnly(c, "the audit"));
        route(parser, READ, LEDGER + "/audit/rebuilds/{id}", (c, v, m) -> platformOnly(c, "the audit"));

        route(parser, ANY, LEDGER + "/tenants/{tenant}/tokens", (c, v, m) -> platformOnly(c, "tokens"));
        route(parser, ANY, LEDGER + "/tenants/{tenant}/tokens/{id}", (c, v, m) -> platformOnly(c, "tokens"));
        route(parser, ANY, LEDGER + "/tokens", (c, v, m) -> platformOnly(c, "tokens"));
        route(parser, ANY, LEDGER + "/tokens/{id}", (c, v, m) -> platformOnly(c, "tokens"));
    }

    /** The routes of one registered resource, with the rule its {@link ApiAccess} names. */
    private void objectRoutes(PathPatternParser parser, ApiResource r) {
        String plural = r.plural();
        switch (r.access()) {
            case NAMESPACES -> {
                route(parser, ANY, r.collectionPath(null), (c, v, m) -> switch (c.role()) {
                    case PLATFORM_ADMIN, SYSTEM, TENANT_ADMIN -> AccessDecision.allow();
                    case TENANT_VIEWER -> READ.contains(m) ? AccessDecision.allow() : viewerMayNotWrite(c, plural);
                    case AGENT, METRICS -> AccessDecision.forbidden(cannot(c, m, plural, null));
                });
                route(parser, ANY, r.collectionPath(null) + "/{namespace}", (c, v, m) -> {
                    // A server-side apply creates what does not exist yet: a tenant admin may apply a new
                    // namespace (it becomes its tenant's), as it may POST one. Another tenant's stays not found.
                    if (m.equals("PATCH")
                            && c.role() == Role.TENANT_ADMIN
                            && reader.tenantOf(v.get("namespace")).isEmpty()) {
                        return AccessDecision.allow();
                    }
                    return inOwnNamespace(c, m, v.get("namespace"), plural, false);
                });
            }
            case NAMESPACED, NAMESPACED_WITH_AGENTS -> {
                boolean agents = r.access() == ApiAccess.NAMESPACED_WITH_AGENTS;
                route(
                        parser,
                        READ,
                        r.collectionPath(null),
                        (c, v, m) -> c.role() == Role.AGENT && !agents
                                ? AccessDecision.forbidden(cannot(c, m, plural, null))
                                : AccessDecision.allow());
                String collection = r.collectionPath("{namespace}");
                route(parser, ANY, collection, (c, v, m) -> inOwnNamespace(c, m, v.get("namespace"), plural, agents));
                route(
                        parser,
                        ANY,
                        collection + "/{name}",
                        (c, v, m) -> inOwnNamespace(c, m, v.get("namespace"), plural, agents));
                for (ApiResource.Subresource sub : r.subresources()) {
                    String name = plural + "/" + sub.name();
                    route(parser, methodsOf(sub.verbs()), collection + "/{name}/" + sub.name(), (c, v, m) -> {
                        AccessDecision seen = inOwnNamespace(c, m, v.get("namespace"), name, agents);
                        // What an agent reports (a pod's addresses) is attested by it; tenants read it, never set it.
                        return agents
                                        && seen.isGranted()
                                        && !READ.contains(m)
                                        && c.role().tenantScoped()
                                ? AccessDecision.forbidden(
                                        "the " + name + " of an object is reported by the agent "
                                                + "of its node (a pod's addresses are registered by the agent of the pod's node)")
                                : seen;
                    });
                }
            }
            case PLATFORM -> {
                route(parser, ANY, r.collectionPath(null), (c, v, m) -> platformOnly(c, plural));
                route(parser, ANY, r.collectionPath(null) + "/{name}", (c, v, m) -> platformOnly(c, plural));
            }
            case PLATFORM_TENANTS_READ -> {
                Rule tenantsRead = (c, v, m) ->
                        c.role().tenantScoped() && READ.contains(m) ? AccessDecision.allow() : platformOnly(c, plural);
                route(parser, ANY, r.collectionPath(null), tenantsRead);
                route(parser, ANY, r.collectionPath(null) + "/{name}", tenantsRead);
            }
            case OWN_RULES -> {}
        }
    }

    private static Set<String> methodsOf(List<String> verbs) {
        Set<String> methods = new java.util.HashSet<>();
        for (String verb : verbs) {
            switch (verb) {
                case "get", "list", "watch" -> methods.addAll(READ);
                case "create" -> methods.add("POST");
                case "update" -> methods.add("PUT");
                case "patch" -> methods.add("PATCH");
                case "delete" -> methods.add("DELETE");
                default -> throw new IllegalStateException("no HTTP method for the verb " + verb);
            }
        }
        return methods;
    }

    /** A rule decides for a caller, the route's path variables and the HTTP method. */
    @FunctionalInterface
    interface Rule {
        AccessDecision decide(Caller caller, Map<String, String> variables, String method);
    }

    /** @param open whether it is answered without authentication (health probes only) */
    private record Route(Set<String> methods, PathPattern pattern, Rule rule, boolean open) {}

    private void route(PathPatternParser parser, Set<String> methods, String pattern, Rule rule) {
        routes.add(new Route(methods, parser.parse(pattern), rule, false));
    }

    @Override
    public AuthorizationResult authorize(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<Match> match = match(request.getMethod(), path);
        if (match.isEmpty()) {
            Set<String> allowed = methodsFor(path);
            if (allowed.isEmpty()) {
                return AccessDecision.notFound("the server could not find the requested resource");
            }
            // A resource that is there, asked with a verb it does not have (a write to a read-only view).
            return authentication.get() instanceof CallerAuthentication
                    ? AccessDecision.methodNotAllowed(request.getMethod() + " is not supported here; the methods are "
                            + String.join(", ", new java.util.TreeSet<>(allowed)))
                    : AccessDecision.forbidden("authentication required");
        }
        if (match.get().route().open()) {
            return AccessDecision.allow();
        }
        if (!(authentication.get() instanceof CallerAuthentication caller)) {
            // Not authenticated: refusing sends the client to the authentication entry point (401).
            return AccessDecision.forbidden("authentication required");
        }
        return decide(match.get(), caller.caller(), request.getMethod());
    }

    /**
     * The route rules were written for the roles listed first, and one that allows "anyone but an agent"
     * must not let in a role it never heard of. So every role is named here, before any route's rule (a
     * role added later does not compile until it is): a metrics credential reads the metrics and nothing
     * else.
     */
    private static AccessDecision decide(Match match, Caller caller, String method) {
        boolean routeRulesApply = switch (caller.role()) {
            case PLATFORM_ADMIN, SYSTEM, TENANT_ADMIN, TENANT_VIEWER, AGENT -> true;
            case METRICS -> match.route().pattern().getPatternString().equals(METRICS_PATH);
        };
        if (!routeRulesApply) {
            return AccessDecision.forbidden("User \"" + caller.subject() + "\" ("
                    + caller.role().wireName() + ") may read " + METRICS_PATH + " and nothing else");
        }
        return match.route().rule().decide(caller, match.variables(), method);
    }

    @Override
    @Deprecated
    public AccessDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        return (AccessDecision) authorize(authentication, context);
    }

    /**
     * The decision for a caller making a request, without making it: what {@code kubectl auth can-i}
     * asks. A path with no rule is refused, as a request to it would be.
     */
    public AccessDecision decide(Caller caller, String method, String path) {
        return match(method, path)
                .map(m -> m.route().open() ? AccessDecision.allow() : decide(m, caller, method))
                .orElseGet(() -> AccessDecision.notFound("the server could not find the requested resource"));
    }

    /** Whether a request for this method and path has a rule (used to prove every route has one). */
    public boolean hasRuleFor(String method, String path) {
        return match(method, path).isPresent();
    }

    /** What part of the read model a caller may see in lists and single reads. */
    public Scope scopeOf(Caller caller) {
        return switch (caller.role()) {
            case PLATFORM_ADMIN, SYSTEM -> Scope.ALL;
            case TENANT_ADMIN, TENANT_VIEWER -> Scope.tenant(caller.tenant());
            case AGENT -> Scope.node(caller.node());
            case METRICS -> throw new IllegalStateException("a metrics credential reads no objects");
        };
    }

    private record Match(Route route, Map<String, String> variables) {}

    private Set<String> methodsFor(String path) {
        PathContainer container = PathContainer.parsePath(path);
        Set<String> methods = new java.util.HashSet<>();
        for (Route route : routes) {
            if (route.pattern().matches(container)) {
                methods.addAll(route.methods());
            }
        }
        return methods;
    }

    private Optional<Match> match(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Route route : routes) {
            PathPattern.PathMatchInfo info = route.pattern().matchAndExtract(container);
            if (info != null && route.methods().contains(method)) {
                return Optional.of(new Match(route, info.getUriVariables()));
            }
        }
        return Optional.empty();
    }

    /** A switch expression: a role added later and not listed here does not compile, rather than getting in. */
    private AccessDecision inOwnNamespace(
            Caller caller, String method, String namespace, String resource, boolean agentsAllowed) {
        return switch (caller.role()) {
            case PLATFORM_ADMIN, SYSTEM -> AccessDecision.allow();
            case AGENT ->
                agentsAllowed
                        ? AccessDecision.allow()
                        : AccessDecision.forbidden(cannot(caller, method, resource, namespace));
            case METRICS -> AccessDecision.forbidden(cannot(caller, method, resource, namespace));
            case TENANT_ADMIN, TENANT_VIEWER -> {
                String owner = reader.tenantOf(namespace).orElse(null);
                if (!caller.tenant().equals(owner)) {
                    yield AccessDecision.notFound("namespaces \"" + namespace + "\" not found");
                }
                if (caller.role() == Role.TENANT_VIEWER && !READ.contains(method)) {
                    yield viewerMayNotWrite(caller, resource);
                }
                yield AccessDecision.allow();
            }
        };
    }

    /** Agents see their own node; everyone else sees nodes as the fleet view shows them to them. */
    private static AccessDecision ownNodeOrViewer(Caller caller, String method, String node, String resource) {
        if (caller.role() == Role.AGENT && !caller.node().equals(node)) {
            return AccessDecision.forbidden(cannot(caller, method, resource, null) + " of node \"" + node + "\"");
        }
        return AccessDecision.allow();
    }

    private static AccessDecision platformOnly(Caller caller, String what) {
        return caller.unrestricted()
                ? AccessDecision.allow()
                : AccessDecision.forbidden("User \"" + caller.subject() + "\" ("
                        + caller.role().wireName() + ") cannot access " + what + ": only a platform admin may");
    }

    private static AccessDecision viewerMayNotWrite(Caller caller, String resource) {
        return AccessDecision.forbidden(
                "User \"" + caller.subject() + "\" is a tenant viewer and cannot change " + resource);
    }

    private static String cannot(Caller caller, String method, String resource, String namespace) {
        return "User \"" + caller.subject() + "\" (" + caller.role().wireName() + ") cannot " + method + " resource \""
                + resource + "\"" + (namespace == null ? "" : " in the namespace \"" + namespace + "\"");
    }
}
