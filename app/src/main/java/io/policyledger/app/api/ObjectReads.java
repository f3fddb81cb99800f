package io.policyledger.app.api;

import io.policyledger.app.api.wire.ListMeta;
import io.policyledger.app.api.wire.ObjectList;
import io.policyledger.app.security.AccessPolicy;
import io.policyledger.app.web.CallerResolver;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectNotFoundException;
import io.policyledger.core.selector.LabelSelectorParser;
import io.policyledger.core.selector.Requirement;
import io.policyledger.query.history.LogHistory;
import io.policyledger.query.objects.CurrentObjectReader;
import io.policyledger.query.objects.ObjectPage;
import io.policyledger.query.objects.ObjectsAt;
import io.policyledger.query.objects.Scope;
import io.policyledger.query.objects.StoredObject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Kubernetes reads, once for every kind: get and list, now or as of a past revision, of what the caller
 * may see (another tenant's objects do not exist for it; a kind with a {@link TenantView} is shown as the
 * view shows it).
 */
@Component
class ObjectReads {

    private final CurrentObjectReader reader;
    private final CallerResolver callers;
    private final AccessPolicy access;
    private final PastRevisions pastRevisions;
    private final LogHistory history;
    private final ReadYourWrites readYourWrites;

    ObjectReads(
            CurrentObjectReader reader,
            CallerResolver callers,
            AccessPolicy access,
            PastRevisions pastRevisions,
            LogHistory history,
            ReadYourWrites readYourWrites) {
        this.reader = reader;
        this.callers = callers;
        this.access = access;
        this.pastRevisions = pastRevisions;
        this.history = history;
        this.readYourWrites = readYourWrites;
    }

    <W> W get(ResourceDefinition<W> def, String namespace, String name, HttpServletRequest request) {
        Optional<Long> past = pastRevisions.of(request);
        Scope scope = access.scopeOf(callers.current());
        ObjectKey key = WireForm.keyOf(def, namespace, name);
        if (past.isEmpty()) {
            readYourWrites.awaitRequested(request);
        }
        ObjectsAt then = past.map(r -> history.at(r).objects()).orElse(null);
        if (def.tenantView().isPresent() && scope.tenant() != null) {
            Seen seen = tenantSees(def, scope.tenant(), then, past);
            StoredObject o = seen.items().stream()
                    .filter(x -> x.key().equals(key))
                    .findFirst()
                    .orElseThrow(() -> new ObjectNotFoundException(key));
            return withStatus(def, o, seen.items());
        }
        // In the past: as it was then, if the caller could see it then (a tenant: if the namespace was its own).
        StoredObject o = then != null
                ? then.get(key).filter(x -> then.isWithin(x, scope)).orElseThrow(() -> new ObjectNotFoundException(key))
                : visible(key);
        return withStatus(
                def, o, def.derivesStatus() ? all(def, then, past, scope).items() : List.of());
    }

    /** The kind's objects a caller sees, at one revision. */
    private record Seen(long resourceVersion, List<StoredObject> items) {}

    private Seen all(ResourceDefinition<?> def, ObjectsAt then, Optional<Long> past, Scope scope) {
        ObjectPage page = then != null
                ? then.list(def.kind(), null, List.of(), 0, null, scope, past.get())
                : reader.list(def.kind(), null, List.of(), 0, null, scope);
        return new Seen(page.resourceVersion(), page.items());
    }

    /**
     * A tenant's view of a kind with a {@link TenantView}: the objects that concern the tenant (as of the
     * revision read), shown as the view shows them; the others do not exist for it.
     */
    private Seen tenantSees(ResourceDefinition<?> def, String tenant, ObjectsAt then, Optional<Long> past) {
        TenantView view = def.tenantView().orElseThrow();
        Seen everything = all(def, then, past, Scope.ALL);
        TenantView.TenantObjects mine = tenantObjects(tenant, then, past);
        return new Seen(
                everything.resourceVersion(),
                everything.items().stream()
                        .filter(o -> view.concerns(o, mine))
                        .map(o -> view.shownTo(o, mine))
                        .toList());
    }

    private <W> W withStatus(ResourceDefinition<W> def, StoredObject o, List<StoredObject> sameKind) {
        W wire = WireForm.of(def, o);
        return def.derivesStatus() ? def.withDerivedStatus(wire, o, sameKind) : wire;
    }

    <W> ObjectList<W> list(ResourceDefinition<W> def, String namespace, HttpServletRequest request) {
        FieldSelector fields = FieldSelector.parse(
                request.getParameter("fieldSelector"), def.kind().namespaced());
        List<Requirement> selector;
        try {
            selector = LabelSelectorParser.parse(request.getParameter("labelSelector"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unable to parse labelSelector: " + e.getMessage());
        }
        int limit = parseLimit(request.getParameter("limit"));
        Optional<Long> past = pastRevisions.of(request);
        if (past.isEmpty()) {
            readYourWrites.awaitRequested(request);
        }
        Scope scope = access.scopeOf(callers.current());
        ObjectsAt then = past.map(r -> history.at(r).objects()).orElse(null);
        if (def.tenantView().isPresent() && scope.tenant() != null) {
            // All of them at once (they are few): no pages.
            Seen seen = tenantSees(def, scope.tenant(), then, past);
            List<W> items = seen.items().stream()
                    .filter(o -> fields.matches(o.key()))
                    .filter(o -> Requirement.allMatch(selector, o.labels()))
                    .map(o -> withStatus(def, o, seen.items()))
                    .toList();
            return new ObjectList<>(
                    def.apiVersion(),
                    def.kind().kindName() + "List",
                    new ListMeta(Long.toString(seen.resourceVersion()), null),
                    items);
        }
        ObjectPage page;
        try {
            page = then != null
                    ? then.list(
                            def.kind(), namespace, selector, limit, request.getParameter("continue"), scope, past.get())
                    : reader.list(def.kind(), namespace, selector, limit, request.getParameter("continue"), scope);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        List<StoredObject> sameKind =
                def.derivesStatus() ? all(def, then, past, scope).items() : List.of();
        List<W> items = page.items().stream()
                .filter(o -> fields.matches(o.key()))
                .map(o -> withStatus(def, o, sameKind))
                .toList();
        return new ObjectList<>(
                def.apiVersion(),
                def.kind().kindName() + "List",
                new ListMeta(Long.toString(page.resourceVersion()), page.continueToken()),
                items);
    }

    private TenantView.TenantObjects tenantObjects(String tenant, ObjectsAt then, Optional<Long> past) {
        Scope scope = Scope.tenant(tenant);
        List<StoredObject> namespaces = then != null
                ? then.list(Kind.NAMESPACE, null, List.of(), 0, null, scope, past.get())
                        .items()
                : reader.list(Kind.NAMESPACE, null, List.of(), 0, null, scope).items();
        List<StoredObject> pods = then != null
                ? then.list(Kind.POD, null, List.of(), 0, null, scope, past.get())
                        .items()
                : reader.list(Kind.POD, null, List.of(), 0, null, scope).items();
        return new TenantView.TenantObjects(tenant, namespaces, pods);
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return 0;
        }
        return (int) Math.min(Revisions.parse(limit, "limit"), Integer.MAX_VALUE - 1);
    }

    /**
     * An object the caller may not see (another node's pod for an agent) is not found, before anything
     * about it (uid, resourceVersion) is compared: a conflict would tell that it exists.
     */
    void hiddenIsNotFound(ObjectKey key) {
        reader.get(key).ifPresent(o -> {
            if (!reader.isWithin(o, access.scopeOf(callers.current()))) {
                throw new ObjectNotFoundException(key);
            }
        });
    }

    /** The object if it exists and the caller may see it; else, indistinguishably, not found. */
    StoredObject visible(ObjectKey key) {
        return reader.get(key)
                .filter(o -> reader.isWithin(o, access.scopeOf(callers.current())))
                .orElseThrow(() -> new ObjectNotFoundException(key));
    }
}
