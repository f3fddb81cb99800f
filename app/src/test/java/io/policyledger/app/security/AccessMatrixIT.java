package io.policyledger.app.security;

import static io.policyledger.app.testing.Bodies.namespaceOf;
import static io.policyledger.app.testing.Bodies.tenant;
import static io.policyledger.app.testing.Bodies.uniqueIp;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every route the server registers, with every method it serves, called with every kind of credential
 * (and with forged ones), each status code checked against an oracle written here from the access
 * rules; every answer to tenant A is searched for tenant B's names, labels and annotations.
 *
 * <p>Requests are harmless by construction, so the matrix runs against one world: writes carry an
 * invalid body (an allowed write is then refused by validation, 400/422, after authorization) and
 * deletions a uid precondition that never matches (an allowed deletion answers 409).
 */
class AccessMatrixIT {

    private static final String SECRET = "zzsecret";
    private static final String A_NS = "a-ns";
    private static final String B_TENANT = "b-" + SECRET + "-tenant";
    private static final String B_NS = "b-" + SECRET + "-ns";

    private static RunningApp app;
    private static final Map<String, String> tokens = new LinkedHashMap<>();

    enum Who {
        PLATFORM,
        ADMIN_A,
        VIEWER_A,
        ADMIN_B,
        AGENT_N1,
        METRICS,
        ANONYMOUS,
        EXPIRED,
        OTHER_KEY,
        ALG_NONE,
        REVOKED;

        boolean unauthenticated() {
            return ordinal() >= ANONYMOUS.ordinal();
        }

        String tenant() {
            return switch (this) {
                case ADMIN_A, VIEWER_A -> "tenant-a";
                case ADMIN_B -> B_TENANT;
                default -> null;
            };
        }
    }

    @BeforeAll
    static void world() throws Exception {
        app = RunningApp.start(
                TestDatabase.createDatabase(),
                "--policy-ledger.security.write-burst=100000",
                "--policy-ledger.security.writes-per-second=100000");
        ApiClient admin = app.api();
        ok(admin.post("/apis/policyledger.io/v1/tenants", tenant(B_TENANT)));
        ok(admin.post("/api/v1/namespaces", namespaceOf("tenant-a", A_NS, "{}")));
        ok(admin.post(
                "/api/v1/namespaces",
                namespaceOf(B_TENANT, B_NS, "{\"b-" + SECRET + "-key\":\"b-" + SECRET + "-value\"}")));
        ok(admin.post("/api/v1/namespaces/" + A_NS + "/pods", pod("a-pod", "n1", "{\"app\":\"a\"}", "{}")));
        ok(admin.post(
                "/api/v1/namespaces/" + B_NS + "/pods",
                pod(
                        "b-" + SECRET + "-pod",
                        "n2",
                        "{\"secret\":\"b-" + SECRET + "-label\"}",
                        "{\"note\":\"b-" + SECRET + "-annotation\"}")));
        ok(admin.post("/apis/networking.k8s.io/v1/namespaces/" + A_NS + "/networkpolicies", policy("a-pol")));
        ok(admin.post(
                "/apis/networking.k8s.io/v1/namespaces/" + B_NS + "/networkpolicies", policy("b-" + SECRET + "-pol")));
        ok(admin.post(
                "/apis/net.alpha.kubernetes.io/v1alpha1/namespaces/" + A_NS + "/networkpolicys", policy("a-pol")));
        ok(admin.post(
                "/apis/net.alpha.kubernetes.io/v1alpha1/namespaces/" + B_NS + "/networkpolicys",
                policy("b-" + SECRET + "-pol")));
        ok(admin.post(
                "/apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies",
                "{\"metadata\":{\"name\":\"" + A_NS
                        + "\"},\"spec\":{\"tier\":\"Baseline\",\"priority\":5,\"subject\":{\"namespaces\":{}}}}"));
        ok(admin.post(
                "/apis/policyledger.io/v1/clustersettings",
                "{\"metadata\":{\"name\":\"default\"},\"spec\":{\"protectedLabelKeys\":[\"platform.example/zone\"]}}"));

        tokens.put("PLATFORM", app.adminToken());
        tokens.put("ADMIN_A", Credentials.mint(app, "tenant-a", "tenant-admin", "alice", null));
        tokens.put("VIEWER_A", Credentials.mint(app, "tenant-a", "tenant-viewer", "val", null));
        tokens.put("ADMIN_B", Credentials.mint(app, B_TENANT, "tenant-admin", "bob", null));
        tokens.put("AGENT_N1", Credentials.mint(app, "tenant-a", "agent", "agent-n1", "n1"));
        tokens.put(
                "METRICS",
                app.api()
                        .post(
                                "/apis/policyledger.io/v1/tokens",
                                "{\"spec\":{\"role\":\"metrics\",\"subject\":\"prometheus\"}}")
                        .text("/status/token"));
        tokens.put("ANONYMOUS", null);
        tokens.put("EXPIRED", Credentials.expired(app));
        tokens.put("OTHER_KEY", Credentials.signedWithAnotherKey(app));
        tokens.put("ALG_NONE", Credentials.algNone(app));
        String revoked = Credentials.mint(app, "tenant-a", "tenant-admin", "mallory", null);
        ok(admin.delete("/apis/policyledger.io/v1/tenants/tenant-a/tokens/" + Credentials.idOf(revoked)));
        tokens.put("REVOKED", revoked);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A registered route and one of its methods. */
    record Route(String method, String pattern) {}

    static List<Route> registeredRoutes() {
        List<Route> routes = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping handlers : app.beans(RequestMappingInfoHandlerMapping.class)) {
            for (RequestMappingInfo info : handlers.getHandlerMethods().keySet()) {
                for (String pattern : info.getPatternValues()) {
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        routes.add(new Route(method.name(), pattern));
                    }
                }
            }
        }
        routes.sort((x, y) -> (x.pattern() + x.method()).compareTo(y.pattern() + y.method()));
        return routes;
    }

    @Test
    void everyRegisteredRouteHasADecisionInTheAccessPolicy() {
        AccessPolicy policy = app.bean(AccessPolicy.class);
        List<Route> routes = registeredRoutes();

        assertThat(routes).hasSizeGreaterThan(40);
        assertThat(routes)
                .allSatisfy(r -> assertThat(policy.hasRuleFor(r.method(), path(r.pattern(), true)))
                        .as("access rule for %s %s", r.method(), r.pattern())
                        .isTrue());
        assertThat(policy.hasRuleFor("GET", "/apis/example.com/v1/anything")).isFalse();
    }

    @Test
    void everyCredentialOnEveryRouteGetsExactlyTheDecisionTheRulesSay() {
        List<String> mismatches = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        int calls = 0;
        for (Route route : registeredRoutes()) {
            boolean twoSides = inNamespace(route.pattern()) || route.pattern().contains("{node}");
            for (boolean own : twoSides ? List.of(true, false) : List.of(true)) {
                String path = path(route.pattern(), own);
                for (Who who : Who.values()) {
                    Response r = call(who, route.method(), path);
                    calls++;
                    Set<Integer> expected = expected(who, route, path);
                    if (!expected.contains(r.status())) {
                        mismatches.add(who + " " + route.method() + " " + path + " -> " + r.status() + " (expected "
                                + expected + "): " + r.body());
                    }
                    if ((who == Who.ADMIN_A || who == Who.VIEWER_A)
                            && !path.contains(SECRET)
                            && r.body().contains(SECRET)) {
                        leaks.add(who + " " + route.method() + " " + path + ": " + r.body());
                    }
                }
            }
        }
        assertThat(calls).isGreaterThan(500);
        assertThat(mismatches).as("decisions that differ from the rules").isEmpty();
        assertThat(leaks).as("tenant B's data in answers to tenant A").isEmpty();
    }

    /** The oracle: what each credential may do, from the access rules of the design (§6). */
    private static Set<Integer> expected(Who who, Route route, String path) {
        String p = route.pattern();
        String m = route.method();
        boolean read = m.equals("GET");
        if (p.startsWith("/actuator/health")) {
            return who.unauthenticated() && who != Who.ANONYMOUS ? Set.of(401) : Set.of(200);
        }
        if (who.unauthenticated()) {
            return Set.of(401);
        }
        Set<Integer> allowed = allowedOutcome(route);
        if (p.equals("/actuator/prometheus")) {
            return who == Who.PLATFORM || who == Who.METRICS ? allowed : Set.of(403);
        }
        if (who == Who.METRICS) {
            return Set.of(403); // the metrics, and nothing else: not even the API's description
        }
        if (who == Who.PLATFORM || describesTheApi(p)) {
            return allowed; // discovery, schemas and self reviews: open to every authenticated caller
        }
        if (p.endsWith("/connectivitychecks") || p.endsWith("/connectivitymatrices")) {
            return who == Who.AGENT_N1 ? Set.of(403) : allowed; // a question, not a change: viewers may ask
        }
        if (p.startsWith("/apis/policyledger.io/v1/nodes")) {
            return nodes(who, p, m, path, allowed);
        }
        if (p.endsWith("/tenants/{tenant}/events")) {
            // The path names tenant-a: its own roles read its history, tenant B does not see it exist.
            return who == Who.AGENT_N1 ? Set.of(403) : "tenant-a".equals(who.tenant()) ? allowed : Set.of(404);
        }
        // Read-only views of one namespace, for its tenant's roles.
        boolean effectiveRules = p.contains("/effectiverules") || p.endsWith("/namespaces/{namespace}/events");
        if (p.startsWith("/apis/policy.networking.k8s.io")) {
            // The platform's tiers: platform admins write; tenants' roles read those that select their pods
            // (the one here selects every namespace's), agents none.
            return read && who != Who.AGENT_N1 ? allowed : Set.of(403);
        }
        if (p.startsWith("/actuator") || (p.startsWith("/apis/policyledger.io") && !effectiveRules)) {
            return Set.of(403);
        }
        if (effectiveRules && who == Who.AGENT_N1) {
            return Set.of(403);
        }
        String namespace = inNamespace(p) ? (path.contains(B_NS) ? B_NS : A_NS) : null;
        if (who == Who.AGENT_N1) {
            if (!p.contains("/pods")) {
                return Set.of(403);
            }
            boolean podOnOtherNode = namespace != null && namespace.equals(B_NS) && p.contains("{name}");
            // Pods on other nodes do not exist for an agent; a malformed write is refused before that matters.
            return podOnOtherNode && (read || m.equals("DELETE")) ? Set.of(404) : allowed;
        }
        if (namespace != null) {
            String owner = namespace.equals(A_NS) ? "tenant-a" : B_TENANT;
            if (!owner.equals(who.tenant())) {
                return Set.of(404);
            }
        }
        if (who == Who.VIEWER_A && !read) {
            return Set.of(403);
        }
        if (p.endsWith("/pods/{name}/status") && !read) {
            return Set.of(403); // addresses are attested by agents, never claimed by tenants
        }
        return allowed;
    }

    /**
     * Nodes: an agent streams and reports for its own node (n1) only; tenants read the nodes that run
     * their pods (A's pod is on n1, B's on n2) and neither stream nor report.
     */
    private static Set<Integer> nodes(Who who, String p, String m, String path, Set<Integer> allowed) {
        boolean n1 = path.contains("/nodes/n1");
        if (p.endsWith("/nodes")) {
            return who == Who.AGENT_N1 ? Set.of(403) : allowed;
        }
        if (who == Who.AGENT_N1) {
            return n1 ? allowed : Set.of(403);
        }
        if (p.endsWith("/rules") || m.equals("PUT")) {
            return Set.of(403);
        }
        boolean runsTheirPods =
                n1 ? who.tenant().equals("tenant-a") : who.tenant().equals(B_TENANT);
        return runsTheirPods ? allowed : Set.of(404);
    }

    private static boolean describesTheApi(String pattern) {
        return pattern.equals("/api")
                || pattern.equals("/api/v1")
                || pattern.startsWith("/apis/{group}")
                || pattern.equals("/apis")
                || pattern.equals("/version")
                || pattern.startsWith("/openapi/")
                || pattern.startsWith("/apis/authorization.k8s.io/"); // anyone may ask what they may do
    }

    /** Routes of one namespace or of objects in it (a namespace's own route names it {name}). */
    private static boolean inNamespace(String pattern) {
        return pattern.contains("{namespace}") || pattern.equals("/api/v1/namespaces/{name}");
    }

    /** What an allowed, harmless request answers. */
    private static Set<Integer> allowedOutcome(Route route) {
        if (route.pattern().endsWith("/tokens/{id}") || route.pattern().endsWith("/audit/rebuilds/{id}")) {
            return Set.of(404);
        }
        if (route.pattern().endsWith("/audit/checkpoints")) {
            return Set.of(200); // signing the chain's head takes no body and harms nothing
        }
        return switch (route.method()) {
            case "GET" -> Set.of(200);
            case "POST", "PUT", "PATCH" -> Set.of(400, 422);
            case "DELETE" -> Set.of(409);
            default -> throw new AssertionError("no expectation for " + route);
        };
    }

    private static Response call(Who who, String method, String path) {
        ApiClient api = app.api().as(tokens.get(who.name()));
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path));
        return switch (method) {
            case "GET" -> api.get(path);
            case "POST" ->
                api.send(request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"Not_A_Valid_Name\"}}")));
            case "PUT" ->
                api.send(request.header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"another-name\"}}")));
            case "PATCH" ->
                api.send(request.header("Content-Type", "application/merge-patch+json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("[]")));
            case "DELETE" ->
                api.send(request.header("Content-Type", "application/json")
                        .method(
                                "DELETE",
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"preconditions\":{\"uid\":\"never-this-uid\"}}")));
            default -> throw new AssertionError(method);
        };
    }

    /** A concrete path for a route pattern, in tenant A's namespace ({@code own}) or tenant B's. */
    private static String path(String pattern, boolean own) {
        String ns = own ? A_NS : B_NS;
        boolean pods = pattern.contains("/pods/") || pattern.contains("/effectiverules/");
        boolean policies = pattern.contains("/networkpolicies/") || pattern.contains("/networkpolicys/");
        String name = pods
                ? (own ? "a-pod" : "b-" + SECRET + "-pod")
                : policies
                        ? (own ? "a-pol" : "b-" + SECRET + "-pol")
                        : pattern.contains("/clustersettings/")
                                ? "default"
                                : pattern.endsWith("/tenants/{name}") ? "tenant-a" : ns;
        return pattern.replace("{node}", own ? "n1" : "n2")
                .replace("{namespace}", ns)
                .replace("{name}", name)
                .replace("{tenant}", "tenant-a")
                .replace("{id}", "no-such-token")
                .replace("/**", "")
                .replace("{group}", "networking.k8s.io")
                .replace("{version}", "v1");
    }

    private static String pod(String name, String node, String labels, String annotations) {
        return "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labels + ",\"annotations\":" + annotations
                + "},\"spec\":{\"nodeName\":\"" + node + "\",\"containers\":[{\"name\":\"main\"}]},"
                + "\"status\":{\"podIP\":\"" + uniqueIp() + "\"}}";
    }

    private static String policy(String name) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"podSelector\":{}}}";
    }

    private static void ok(Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    }
}
