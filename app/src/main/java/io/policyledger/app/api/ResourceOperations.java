package io.policyledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.PolicyLedgerProperties;
import io.policyledger.app.UidGenerator;
import io.policyledger.app.api.patch.InvalidPatchException;
import io.policyledger.app.api.patch.JsonPatch;
import io.policyledger.app.api.patch.StrategicMergePatch;
import io.policyledger.app.api.registry.ApiResource;
import io.policyledger.app.api.wire.DeleteOptions;
import io.policyledger.app.api.wire.ListMeta;
import io.policyledger.app.api.wire.ObjectList;
import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.app.database.DatabaseUnavailable;
import io.policyledger.app.security.AccessPolicy;
import io.policyledger.app.web.CallerResolver;
import io.policyledger.command.write.ObjectWriter;
import io.policyledger.command.write.Written;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectNotFoundException;
import io.policyledger.core.selector.LabelSelectorParser;
import io.policyledger.core.selector.Requirement;
import io.policyledger.core.validation.FieldViolation;
import io.policyledger.core.validation.InvalidObjectException;
import io.policyledger.query.history.LogHistory;
import io.policyledger.query.objects.CurrentObjectProjection;
import io.policyledger.query.objects.CurrentObjectReader;
import io.policyledger.query.objects.ObjectPage;
import io.policyledger.query.objects.ObjectsAt;
import io.policyledger.query.objects.Scope;
import io.policyledger.query.objects.StoredObject;
import io.policyledger.query.position.ProjectionPositions;
import jakarta.servlet.http.HttpServletRequest;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The Kubernetes REST verbs, once for every kind: create, get, list, replace, patch, delete.
 *
 * <pre>
 *   request --decode/validate--> command --ObjectWriter--> event store (resourceVersion N)
 *                                                             |
 *   response <--read current-objects-- wait until the projection has applied N
 * </pre>
 * Waiting for the write's own revision before answering gives every client read-your-writes, on one
 * instance or several.
 */
@Component
class ResourceOperations {

    private static final Set<String> PATCH_TYPES = Set.of(
            "application/merge-patch+json",
            "application/strategic-merge-patch+json",
            "application/json-patch+json",
            "application/apply-patch+yaml");
    private static final String GENERATED_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final RequestBodyDecoder decoder;
    private final ObjectWriter writer;
    private final CurrentObjectReader reader;
    private final ProjectionPositions positions;
    private final CallerResolver callers;
    private final UidGenerator uids;
    private final AccessPolicy access;
    private final PolicyLedgerProperties properties;
    private final DryRunAnswers dryRuns;
    private final PastRevisions pastRevisions;
    private final LogHistory history;
    private final Ownership ownership;
    private final ServerSideApplies applies;
    private final ObjectMapper json = new ObjectMapper();

    ResourceOperations(
            RequestBodyDecoder decoder,
            ObjectWriter writer,
            CurrentObjectReader reader,
            ProjectionPositions positions,
            CallerResolver callers,
            UidGenerator uids,
            AccessPolicy access,
            PolicyLedgerProperties properties,
            DryRunAnswers dryRuns,
            PastRevisions pastRevisions,
            LogHistory history,
            Ownership ownership,
            ServerSideApplies applies) {
        this.ownership = ownership;
        this.applies = applies;
        this.dryRuns = dryRuns;
        this.pastRevisions = pastRevisions;
        this.history = history;
        this.decoder = decoder;
        this.writer = writer;
        this.reader = reader;
        this.positions = positions;
        this.callers = callers;
        this.uids = uids;
        this.access = access;
        this.properties = properties;
    }

    <W> ResponseEntity<?> create(ResourceDefinition<W> def, String namespace, HttpServletRequest request) {
        boolean dryRun = dryRunRequested(request, null);
        W wire = decoder.decode(request, def.wireType());
        checkTypeMeta(def, wire);
        ObjectMeta meta = metadataOf(def, wire);
        if (meta.resourceVersion() != null && !meta.resourceVersion().isEmpty()) {
            throw invalid(
                    def,
                    meta.name(),
                    new FieldViolation(
                            FieldViolation.Type.FieldValueInvalid,
                            "metadata.resourceVersion",
                            "Invalid value: \"" + meta.resourceVersion() + "\": must be empty on create"));
        }
        checkNamespace(def, namespace, meta);
        String uid = uids.next();
        String name = meta.name();
        if ((name == null || name.isEmpty())
                && meta.generateName() != null
                && !meta.generateName().isEmpty()) {
            name = meta.generateName() + suffixFrom(uid);
        }
        meta = ownership.created(def, wire, meta, request);
        Warnings.add(def.warningsFor(name, wire));
        ObjectCommand command = def.create(callers.current(), namespace, name == null ? "" : name, uid, meta, wire);
        if (dryRun) {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(dryRuns.answer(
                            def, command.key(), null, writer.dryRun(command, callers.attributionOf(request))));
        }
        Written written = writer.submit(command, callers.attributionOf(request));
        return ResponseEntity.status(HttpStatus.CREATED).body(show(def, awaitVisible(written)));
    }

    <W> W get(ResourceDefinition<W> def, String namespace, String name, HttpServletRequest request) {
        Optional<Long> past = pastRevisions.of(request);
        Scope scope = access.scopeOf(callers.current());
        ObjectKey key = keyOf(def, namespace, name);
        if (past.isEmpty()) {
            awaitRequestedRevision(request);
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
        W wire = show(def, o);
        return def.derivesStatus() ? def.withDerivedStatus(wire, o, sameKind) : wire;
    }

    /**
     * An object the caller may not see (another node's pod for an agent) is not found, before anything
     * about it (uid, resourceVersion) is compared: a conflict would tell that it exists.
     */
    private void hiddenIsNotFound(ObjectKey key) {
        reader.get(key).ifPresent(o -> {
            if (!reader.isWithin(o, access.scopeOf(callers.current()))) {
                throw new ObjectNotFoundException(key);
            }
        });
    }

    /** The object if it exists and the caller may see it; else, indistinguishably, not found. */
    private StoredObject visible(ObjectKey key) {
        return reader.get(key)
                .filter(o -> reader.isWithin(o, access.scopeOf(callers.current())))
                .orElseThrow(() -> new ObjectNotFoundException(key));
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
            awaitRequestedRevision(request);
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

    /** Which part of an object a replace or patch addresses: the object, or its status subresource. */
    enum Part {
        MAIN,
        STATUS
    }

    <W> Object replace(
            ResourceDefinition<W> def, String namespace, String name, Part part, HttpServletRequest request) {
        boolean dryRun = dryRunRequested(request, null);
        W wire = decoder.decode(request, def.wireType());
        checkTypeMeta(def, wire);
        ObjectMeta sent = metadataOf(def, wire);
        checkName(name, sent);
        checkNamespace(def, namespace, sent);
        ObjectKey key = keyOf(def, namespace, name);
        hiddenIsNotFound(key);
        boolean clientPrecondition =
                sent.resourceVersion() != null && !sent.resourceVersion().isEmpty();
        Long clientVersion = clientPrecondition ? expectedVersion(key, sent.resourceVersion()) : null;
        // The replacement is written against the state its field owners were computed from; without a
        // client precondition, a change slipping in between is absorbed by computing again.
        return againstCurrent(key, clientPrecondition, current -> {
            ObjectMeta meta = part == Part.MAIN
                    ? ownership.updated(def, current, json.valueToTree(show(def, current)), wire, sent, request)
                    : sent;
            Warnings.add(def.warningsFor(name, wire));
            Long expected =
                    clientPrecondition ? clientVersion : expectedVersion(key, Long.toString(current.resourceVersion()));
            ObjectCommand command = command(def, part, namespace, name, meta, wire, expected);
            if (dryRun) {
                return dryRuns.answer(def, key, current, writer.dryRun(command, callers.attributionOf(request)));
            }
            return show(def, awaitVisible(writer.submit(command, callers.attributionOf(request))));
        });
    }

    /**
     * Runs a write computed from the object's current state, once the read model shows the object's
     * newest event. Without a client precondition a conflict (another write slipped in) is absorbed by
     * reading and computing again, with a growing pause, until the read-your-writes timeout.
     */
    private Object againstCurrent(
            ObjectKey key, boolean clientPrecondition, java.util.function.Function<StoredObject, Object> write) {
        long deadline = System.nanoTime() + properties.readYourWritesTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            writer.latestResourceVersion(key).ifPresent(this::awaitRevision);
            StoredObject current = visible(key);
            try {
                return write.apply(current);
            } catch (ObjectConflictException conflict) {
                if (clientPrecondition || System.nanoTime() > deadline) {
                    throw conflict;
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Applies a merge patch to the current object and stores the result as a replacement. The current
     * object is read once the read model shows the object's newest event, so the patch applies to the
     * latest state. Unless the patch itself names a resourceVersion, a change that still slips in
     * between is absorbed by reading and applying again, until the read-your-writes timeout (as the
     * Kubernetes API server does); with one, it is a conflict.
     */
    <W> Object patch(ResourceDefinition<W> def, String namespace, String name, Part part, HttpServletRequest request) {
        boolean dryRun = dryRunRequested(request, null);
        JsonNode patch = decoder.readPatch(request, PATCH_TYPES);
        PatchType type = PatchType.of(request.getContentType());
        ApiResource resource = def.resource();
        switch (type) {
            case MERGE -> {
                if (!patch.isObject()) {
                    throw ApiException.badRequest("a merge patch must be a JSON object");
                }
                if (MergePatch.hasDirectives(patch)) {
                    throw ApiException.unsupportedMediaType("strategic merge patch directives ($patch, "
                            + "$setElementOrder, ...) are not part of a merge patch; send them as "
                            + "application/strategic-merge-patch+json");
                }
            }
            case STRATEGIC -> {
                if (!resource.strategicMerge()) {
                    throw ApiException.unsupportedMediaType("strategic merge patch is not supported for "
                            + resource.qualifiedName() + "; send a merge patch (application/merge-patch+json)");
                }
            }
            case JSON -> {
                if (!patch.isArray()) {
                    throw ApiException.badRequest("a JSON patch must be a list of operations");
                }
            }
            case APPLY -> {
                if (!patch.isObject()) {
                    throw ApiException.badRequest("an applied configuration must be an object");
                }
            }
        }
        if (type == PatchType.APPLY) {
            if (part == Part.STATUS) {
                throw ApiException.unsupportedMediaType("server-side apply of the status subresource is not supported");
            }
            return serverSideApply(def, namespace, name, patch, dryRun, request);
        }
        boolean clientPrecondition = type == PatchType.JSON
                ? JsonPatchPreconditions.namesResourceVersion(patch)
                : patch.path("metadata").has("resourceVersion");
        ObjectKey key = keyOf(def, namespace, name);
        return againstCurrent(key, clientPrecondition, current -> {
            JsonNode shown = json.valueToTree(show(def, current));
            JsonNode patched = applyPatch(type, resource, shown, patch);
            if (!patched.isObject()) {
                throw ApiException.badRequest("the patched object is not a JSON object");
            }
            W wire = decoder.convert(request, patched, def.wireType());
            checkTypeMeta(def, wire);
            ObjectMeta meta = metadataOf(def, wire);
            checkName(name, meta);
            checkNamespace(def, namespace, meta);
            if (part == Part.MAIN) {
                meta = ownership.updated(def, current, shown, wire, meta, request);
                Warnings.add(def.warningsFor(name, wire));
            }
            Long expectedVersion = clientPrecondition
                    ? expectedVersion(key, meta.resourceVersion())
                    : expectedVersion(key, Long.toString(current.resourceVersion()));
            ObjectCommand command = command(def, part, namespace, name, meta, wire, expectedVersion);
            if (dryRun) {
                return dryRuns.answer(def, key, current, writer.dryRun(command, callers.attributionOf(request)));
            }
            return show(def, awaitVisible(writer.submit(command, callers.attributionOf(request))));
        });
    }

    /** An apply: a create when the object does not exist, else a replacement against its current state. */
    private <W> Object serverSideApply(
            ResourceDefinition<W> def,
            String namespace,
            String name,
            JsonNode config,
            boolean dryRun,
            HttpServletRequest request) {
        ObjectKey key = keyOf(def, namespace, name);
        hiddenIsNotFound(key);
        writer.latestResourceVersion(key).ifPresent(this::awaitRevision);
        if (reader.get(key).isEmpty()) {
            W wire = decoder.convert(
                    request, applies.applied(def, null, config, namespace, name, request), def.wireType());
            Warnings.add(def.warningsFor(name, wire));
            ObjectCommand command =
                    def.create(callers.current(), namespace, name, uids.next(), metadataOf(def, wire), wire);
            if (dryRun) {
                return ResponseEntity.status(HttpStatus.CREATED)
                        .body(dryRuns.answer(def, key, null, writer.dryRun(command, callers.attributionOf(request))));
            }
            Written written = writer.submit(command, callers.attributionOf(request));
            return ResponseEntity.status(HttpStatus.CREATED).body(show(def, awaitVisible(written)));
        }
        String sentVersion = config.at("/metadata/resourceVersion").asText("");
        boolean clientPrecondition = !sentVersion.isEmpty();
        return againstCurrent(key, clientPrecondition, current -> {
            W wire = decoder.convert(
                    request, applies.applied(def, current, config, namespace, name, request), def.wireType());
            Warnings.add(def.warningsFor(name, wire));
            ObjectCommand command = def.replace(
                    namespace,
                    name,
                    metadataOf(def, wire),
                    wire,
                    current.uid(),
                    expectedVersion(key, clientPrecondition ? sentVersion : Long.toString(current.resourceVersion())));
            if (dryRun) {
                return dryRuns.answer(def, key, current, writer.dryRun(command, callers.attributionOf(request)));
            }
            return show(def, awaitVisible(writer.submit(command, callers.attributionOf(request))));
        });
    }

    /**
     * A short, growing, jittered pause before re-applying a patch, so that writers contending for one
     * object (possibly from several instances) take turns instead of colliding again in lockstep.
     */
    private static void backOff(int attempt) {
        long maxMillis = Math.min(50, 2L << Math.min(attempt, 5));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.timeout("interrupted while re-applying a patch");
        }
    }

    private static <W> ObjectCommand command(
            ResourceDefinition<W> def,
            Part part,
            String namespace,
            String name,
            ObjectMeta meta,
            W wire,
            Long expectedVersion) {
        if (part == Part.STATUS) {
            return def.replaceStatus(namespace, name, wire, emptyToNull(meta.uid()), expectedVersion)
                    .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
        }
        return def.replace(namespace, name, meta, wire, emptyToNull(meta.uid()), expectedVersion);
    }

    /** The patch formats of the Kubernetes API; APPLY is server-side apply. */
    private enum PatchType {
        MERGE,
        STRATEGIC,
        JSON,
        APPLY;

        static PatchType of(String contentType) {
            String type = contentType == null ? "" : contentType;
            if (type.startsWith("application/apply-patch+yaml")) {
                return APPLY;
            }
            if (type.startsWith("application/strategic-merge-patch+json")) {
                return STRATEGIC;
            }
            if (type.startsWith("application/json-patch+json")) {
                return JSON;
            }
            return MERGE;
        }
    }

    static ApiException patchFailure(InvalidPatchException e) {
        return e.code() == 422
                ? new ApiException(422, "Invalid", e.getMessage(), null)
                : ApiException.badRequest(e.getMessage());
    }

    private static JsonNode applyPatch(PatchType type, ApiResource resource, JsonNode current, JsonNode patch) {
        try {
            return switch (type) {
                case MERGE -> MergePatch.apply(current, patch);
                case STRATEGIC -> new StrategicMergePatch(resource.patchStrategies()).apply(current, patch);
                case JSON -> JsonPatch.apply(current, patch);
                case APPLY -> throw new IllegalStateException("an apply is not a patch of the current object");
            };
        } catch (InvalidPatchException e) {
            throw patchFailure(e);
        }
    }

    <W> Object delete(ResourceDefinition<W> def, String namespace, String name, HttpServletRequest request) {
        DeleteOptions options = decoder.decodeOptional(request, DeleteOptions.class);
        boolean dryRun = dryRunRequested(request, options == null ? null : options.dryRun());
        ObjectKey key = keyOf(def, namespace, name);
        hiddenIsNotFound(key);
        DeleteOptions.Preconditions pre = options == null ? null : options.preconditions();
        String expectedUid = pre == null ? null : emptyToNull(pre.uid());
        Long expectedVersion = pre == null ? null : expectedVersion(key, pre.resourceVersion());
        String uid = reader.get(key)
                .filter(o -> reader.isWithin(o, access.scopeOf(callers.current())))
                .map(StoredObject::uid)
                .orElse(expectedUid);
        Status deleted = Status.success(
                new Status.Details(name, def.kind().group(), def.kind().resource(), uid, null));
        if (dryRun) {
            List<Object> events = writer.dryRun(
                    def.delete(namespace, name, expectedUid, expectedVersion), callers.attributionOf(request));
            return dryRuns.withImpact(json.valueToTree(deleted), events);
        }
        Written written = writer.submit(
                def.delete(namespace, name, expectedUid, expectedVersion), callers.attributionOf(request));
        awaitRevision(written.resourceVersion());
        return deleted;
    }

    static <W> W show(ResourceDefinition<W> def, StoredObject o) {
        ObjectMeta meta = new ObjectMeta(
                o.key().name(),
                null,
                def.kind().namespaced() ? o.key().namespace() : null,
                o.uid(),
                Long.toString(o.resourceVersion()),
                o.generation() == 0 ? null : o.generation(),
                DateTimeFormatter.ISO_INSTANT.format(o.creationTimestamp().truncatedTo(ChronoUnit.SECONDS)),
                o.labels().isEmpty() ? null : o.labels(),
                o.annotations().isEmpty() ? null : o.annotations(),
                null);
        return def.toWire(o, Ownership.shown(meta));
    }

    /**
     * The write is committed: whatever fails now, the client is told it was stored (504 with its
     * resourceVersion, as when the read model is slow), never that it was refused.
     */
    private StoredObject awaitVisible(Written written) {
        try {
            awaitRevision(written.resourceVersion());
            return reader.get(written.key()).orElseThrow(() -> new ObjectNotFoundException(written.key()));
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            throw ApiException.timeout("the change was stored at resourceVersion " + written.resourceVersion()
                    + " but the database became unavailable before it could be read back; retry the read");
        }
    }

    private void awaitRevision(long resourceVersion) {
        if (!positions.await(CurrentObjectProjection.NAME, resourceVersion, properties.readYourWritesTimeout())) {
            throw ApiException.timeout("the change was stored at resourceVersion " + resourceVersion
                    + " but is not visible yet; it will be, retry the read");
        }
    }

    /** A read with {@code ?resourceVersion=N} (N > 0) answers from a state at least as new as N. */
    private void awaitRequestedRevision(HttpServletRequest request) {
        String rv = request.getParameter("resourceVersion");
        if (rv == null || rv.isEmpty() || rv.equals("0")) {
            return;
        }
        long wanted = parseResourceVersion(rv);
        if (wanted > writer.newestResourceVersion()) {
            // No such revision exists yet: waiting for it would only hold a thread.
            throw ApiException.timeout(
                    "Too large resource version: " + wanted + ", current: " + writer.newestResourceVersion());
        }
        if (!positions.await(CurrentObjectProjection.NAME, wanted, properties.readYourWritesTimeout())) {
            throw ApiException.timeout(
                    "Too large resource version: " + wanted + ", current: " + reader.resourceVersion());
        }
    }

    private Long expectedVersion(ObjectKey key, String resourceVersion) {
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            return null;
        }
        OptionalLong version = writer.versionAt(key, parseResourceVersion(resourceVersion));
        if (version.isEmpty()) {
            // Not a revision of this object at all: whatever the client read, it is not the current state.
            throw ObjectConflictException.staleVersion(key);
        }
        return version.getAsLong();
    }

    private static long parseResourceVersion(String rv) {
        return Revisions.parse(rv, "resource version");
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return 0;
        }
        return (int) Math.min(Revisions.parse(limit, "limit"), Integer.MAX_VALUE - 1);
    }

    /** {@code ?dryRun=All} (or DeleteOptions' {@code dryRun: [All]}): decide, store nothing, answer the impact. */
    private static boolean dryRunRequested(HttpServletRequest request, List<String> fromOptions) {
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

    private static <W> void checkTypeMeta(ResourceDefinition<W> def, W wire) {
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

    private static <W> ObjectMeta metadataOf(ResourceDefinition<W> def, W wire) {
        ObjectMeta meta = def.metadataOf(wire);
        return meta == null ? ObjectMeta.EMPTY : meta;
    }

    private static void checkName(String urlName, ObjectMeta meta) {
        if (meta.name() != null && !meta.name().isEmpty() && !meta.name().equals(urlName)) {
            throw ApiException.badRequest("the name of the object (" + meta.name()
                    + ") does not match the name on the URL (" + urlName + ")");
        }
    }

    private static <W> void checkNamespace(ResourceDefinition<W> def, String namespace, ObjectMeta meta) {
        if (def.kind().namespaced()
                && meta.namespace() != null
                && !meta.namespace().isEmpty()
                && !meta.namespace().equals(namespace)) {
            throw ApiException.badRequest("the namespace of the provided object (" + meta.namespace()
                    + ") does not match the namespace sent on the request (" + namespace + ")");
        }
    }

    private static <W> ObjectKey keyOf(ResourceDefinition<W> def, String namespace, String name) {
        return new ObjectKey(def.kind(), Objects.requireNonNullElse(namespace, ""), name);
    }

    private static <W> InvalidObjectException invalid(
            ResourceDefinition<W> def, String name, FieldViolation violation) {
        return new InvalidObjectException(def.kind(), name == null ? "" : name, List.of(violation));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** {@code generateName}'s five-character suffix, derived from the new object's uid (no hidden randomness). */
    private static String suffixFrom(String uid) {
        long h = uid.hashCode() & 0xffffffffL;
        StringBuilder s = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            s.append(GENERATED_NAME_ALPHABET.charAt((int) (h % GENERATED_NAME_ALPHABET.length())));
            h /= GENERATED_NAME_ALPHABET.length();
        }
        return s.toString();
    }
}
