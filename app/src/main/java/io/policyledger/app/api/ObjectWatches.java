package io.policyledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.api.registry.ApiResource;
import io.policyledger.app.api.registry.ApiResources;
import io.policyledger.app.api.table.Tables;
import io.policyledger.app.security.AccessPolicy;
import io.policyledger.app.security.CredentialRecheck;
import io.policyledger.app.web.CallerResolver;
import io.policyledger.command.write.ObjectWriter;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.selector.LabelSelectorParser;
import io.policyledger.core.selector.Requirement;
import io.policyledger.eventstore.RestoredRevisions;
import io.policyledger.query.objects.CurrentObjectProjection;
import io.policyledger.query.objects.CurrentObjectReader;
import io.policyledger.query.objects.Scope;
import io.policyledger.query.objects.StoredObject;
import io.policyledger.query.position.ProjectionPositions;
import io.policyledger.query.watch.ObjectChange;
import io.policyledger.query.watch.ObjectChangeFeed;
import io.policyledger.query.watch.WatchedObjects;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code ?watch=true} on every list of a kind that has objects: ADDED, MODIFIED and DELETED events as
 * newline-delimited JSON, as Kubernetes streams them, read from the log (so any revision can be resumed
 * from and every version of an object is reported, not just the newest). Without a resourceVersion (or
 * with 0) the watch opens with an ADDED event per object that exists. Label and field selectors decide
 * what the watch sees: an object that starts matching is ADDED, one that stops matching is DELETED.
 *
 * <p>The routes are registered from {@link ApiResources} for every resource with the {@code watch} verb;
 * access is decided by the same rule as the list they watch.
 */
@Component
class ObjectWatches implements SmartInitializingSingleton {

    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration BOOKMARK_INTERVAL = Duration.ofSeconds(10);
    /** Each watch holds a thread and its own copy of one kind's objects: past this, one is refused (429). */
    private static final int MAX_OBJECT_WATCHES = 256;

    private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();

    private final RequestMappingHandlerMapping mappings;
    private final ResourceDefinitions definitions;
    private final ObjectChangeFeed feed;
    private final ProjectionPositions positions;
    private final CurrentObjectReader reader;
    private final ObjectWriter writer;
    private final AccessPolicy access;
    private final CallerResolver callers;
    private final CredentialRecheck credentials;
    private final Tables tables;
    private final RestoredRevisions restored;
    private final ObjectMapper json = new ObjectMapper();

    ObjectWatches(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings,
            ResourceDefinitions definitions,
            ObjectChangeFeed feed,
            ProjectionPositions positions,
            CurrentObjectReader reader,
            ObjectWriter writer,
            AccessPolicy access,
            CallerResolver callers,
            CredentialRecheck credentials,
            Tables tables,
            RestoredRevisions restored) {
        this.restored = restored;
        this.mappings = mappings;
        this.definitions = definitions;
        this.feed = feed;
        this.positions = positions;
        this.reader = reader;
        this.writer = writer;
        this.access = access;
        this.callers = callers;
        this.credentials = credentials;
        this.tables = tables;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Method handler;
        try {
            handler = ObjectWatches.class.getDeclaredMethod("watch", HttpServletRequest.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        for (ApiResource resource : ApiResources.all()) {
            if (!resource.allows("watch") || definitions.of(resource).isEmpty()) {
                continue;
            }
            List<String> paths = resource.namespaced()
                    ? List.of(resource.collectionPath("{namespace}"), resource.collectionPath(null))
                    : List.of(resource.collectionPath(null));
            for (String watchParam : List.of("watch=true", "watch=1")) {
                mappings.registerMapping(
                        RequestMappingInfo.paths(paths.toArray(String[]::new))
                                .methods(RequestMethod.GET)
                                .params(watchParam)
                                .build(),
                        this,
                        handler);
            }
        }
    }

    ResponseEntity<StreamingResponseBody> watch(HttpServletRequest request) {
        ApiResource resource = ResourceDefinitions.matchedResource(request)
                .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
        ResourceDefinition<?> def = definitions
                .of(resource)
                .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
        String namespace = resource.namespaced()
                        && request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
                                instanceof java.util.Map<?, ?> variables
                ? (String) variables.get("namespace")
                : null;
        List<Requirement> selector;
        try {
            selector = LabelSelectorParser.parse(request.getParameter("labelSelector"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unable to parse labelSelector: " + e.getMessage());
        }
        FieldSelector fields = FieldSelector.parse(request.getParameter("fieldSelector"), resource.namespaced());
        String rv = request.getParameter("resourceVersion");
        long from = rv == null || rv.isEmpty() ? 0 : Revisions.parse(rv, "resourceVersion");
        if (from > 0) {
            ApiException.requireNotLost(restored, from);
        }
        if (from > writer.newestResourceVersion()) {
            throw ApiException.timeout(
                    "Too large resource version: " + from + ", current: " + writer.newestResourceVersion());
        }
        Duration timeout = timeout(request.getParameter("timeoutSeconds"));
        boolean bookmarks = "true".equals(request.getParameter("allowWatchBookmarks"));
        boolean table = Tables.requested(request);
        if (table) {
            Tables.includeObject(request); // a bad value is refused now, not in the middle of the stream
        }
        Scope scope = access.scopeOf(callers.current());
        if (def.tenantView().isPresent() && scope.tenant() != null) {
            // Whether an object concerns a tenant changes with the tenant's pods, not only with the object:
            // a stream of the object's own changes would be wrong. Tenants list instead.
            throw new ApiException(
                    403,
                    "Forbidden",
                    resource.plural() + " is listed, not watched, by tenants; "
                            + "list it again (or watch your pods' effective rules) to follow changes",
                    null);
        }
        BooleanSupplier credentialLive = credentials.ofCurrentRequest();
        Watch watch = new Watch(resource, def, namespace, selector, fields, scope, table ? request : null);
        // The state the watch starts from is read before answering, so a bad request fails with its status.
        long start = from > 0 ? from : Math.max(reader.resourceVersion(), 0);
        if (open.incrementAndGet() > MAX_OBJECT_WATCHES) {
            open.decrementAndGet();
            throw new ApiException(
                    429,
                    "TooManyRequests",
                    "this instance already serves " + MAX_OBJECT_WATCHES + " object watches; retry later",
                    null);
        }
        WatchedObjects watched;
        try {
            watched = feed.open(def.kind(), namespace, start);
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
        MediaType type = table ? Tables.TABLE : MediaType.APPLICATION_JSON;
        StreamingResponseBody body = out -> {
            try {
                watch.stream(watched, from == 0, timeout, bookmarks, credentialLive, out);
            } finally {
                open.decrementAndGet();
            }
        };
        return ResponseEntity.ok().contentType(type).body(body);
    }

    private static Duration timeout(String seconds) {
        if (seconds == null || seconds.isEmpty()) {
            return MAX_TIMEOUT;
        }
        long asked = Revisions.parse(seconds, "timeoutSeconds");
        return asked == 0 ? MAX_TIMEOUT : Duration.ofSeconds(Math.min(asked, MAX_TIMEOUT.toSeconds()));
    }

    /** One open watch: what it shows, and which objects its client currently sees. */
    private final class Watch {
        private final ApiResource resource;
        private final ResourceDefinition<?> def;
        private final String namespace;
        private final List<Requirement> selector;
        private final FieldSelector fields;
        private final Scope scope;
        private final HttpServletRequest tableRequest;
        private final Set<ObjectKey> seen = new HashSet<>();

        Watch(
                ApiResource resource,
                ResourceDefinition<?> def,
                String namespace,
                List<Requirement> selector,
                FieldSelector fields,
                Scope scope,
                HttpServletRequest tableRequest) {
            this.resource = resource;
            this.def = def;
            this.namespace = namespace;
            this.selector = selector;
            this.fields = fields;
            this.scope = scope;
            this.tableRequest = tableRequest;
        }

        void stream(
                WatchedObjects watched,
                boolean initialEvents,
                Duration timeout,
                boolean bookmarks,
                BooleanSupplier credentialLive,
                OutputStream out)
                throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<StoredObject> existing = watched.watched().stream()
                    .sorted(Comparator.comparing((StoredObject o) -> o.key().namespace())
                            .thenComparing(o -> o.key().name()))
                    .toList();
            // From a resourceVersion, the client has the objects as they were then: their next change is a
            // MODIFIED. Without one, it is told of each with an ADDED first.
            for (StoredObject o : existing) {
                if (visible(o, watched.objects()::tenantOf)) {
                    seen.add(o.key());
                    if (initialEvents) {
                        write(out, "ADDED", shown(o));
                    }
                }
            }
            out.flush();
            long lastWrite = System.nanoTime();
            while (System.nanoTime() < deadline) {
                long wait = Math.min(BOOKMARK_INTERVAL.toNanos(), deadline - System.nanoTime());
                positions.await(
                        CurrentObjectProjection.NAME, watched.revision() + 1, Duration.ofNanos(Math.max(wait, 0)));
                if (!credentialLive.getAsBoolean()) {
                    return; // a revoked or expired credential ends the watch; the client must authenticate again
                }
                long upTo = positions.known(CurrentObjectProjection.NAME);
                boolean wrote = false;
                for (ObjectChange change : feed.advance(watched, upTo)) {
                    wrote |= report(out, change);
                }
                if (wrote) {
                    out.flush();
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite >= BOOKMARK_INTERVAL.toNanos()) {
                    if (bookmarks) {
                        ObjectNode bookmark = json.createObjectNode()
                                .put("kind", resource.kind())
                                .put("apiVersion", resource.apiVersion());
                        bookmark.putObject("metadata").put("resourceVersion", Long.toString(watched.revision()));
                        write(out, "BOOKMARK", bookmark);
                    } else {
                        // Whitespace between events, which JSON stream decoders skip: it is how a watch
                        // learns that its client has gone, instead of holding a thread until its timeout.
                        out.write('\n');
                    }
                    out.flush();
                    lastWrite = System.nanoTime();
                }
            }
        }

        private boolean report(OutputStream out, ObjectChange change) throws IOException {
            StoredObject o = change.object();
            boolean matches = change.type() != ObjectChange.Type.DELETED
                    && visible(o, ns -> java.util.Optional.ofNullable(change.namespaceOwner()));
            boolean wasSeen = seen.contains(o.key());
            String type;
            if (matches) {
                type = wasSeen ? "MODIFIED" : "ADDED";
                seen.add(o.key());
            } else if (wasSeen) {
                type = "DELETED";
                seen.remove(o.key());
            } else {
                return false;
            }
            write(out, type, shown(o));
            return true;
        }

        /** @param tenantOf who owned a namespace when the object was as shown */
        private boolean visible(
                StoredObject o, java.util.function.Function<String, java.util.Optional<String>> tenantOf) {
            if (namespace != null && !namespace.equals(o.key().namespace())) {
                return false;
            }
            if (!fields.matches(o.key())) {
                return false;
            }
            for (Requirement r : selector) {
                if (!r.matches(o.labels())) {
                    return false;
                }
            }
            // Ownership as it was at the change: a namespace's earlier owner's history is not the new owner's.
            return scope.admits(o, tenantOf);
        }

        private JsonNode shown(StoredObject o) {
            JsonNode object = json.valueToTree(WireForm.of(def, o));
            return tableRequest == null ? object : tables.of(resource, object, tableRequest);
        }

        private void write(OutputStream out, String type, JsonNode object) throws IOException {
            ObjectNode event = json.createObjectNode().put("type", type);
            event.set("object", object);
            out.write((event + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
