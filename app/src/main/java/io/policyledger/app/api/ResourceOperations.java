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
import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.app.security.AccessPolicy;
import io.policyledger.app.web.CallerResolver;
import io.policyledger.command.write.ObjectWriter;
import io.policyledger.command.write.Written;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.validation.FieldViolation;
import io.policyledger.core.validation.InvalidObjectException;
import io.policyledger.query.objects.CurrentObjectReader;
import io.policyledger.query.objects.StoredObject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The Kubernetes writes, once for every kind: create, replace, patch (with its retries against the current
 * object), server-side apply and delete. Reads are {@link ObjectReads}; read-your-writes is
 * {@link ReadYourWrites}; what a request's object must agree with is {@link WireChecks}.
 *
 * <pre>
 *   request --decode/validate--> command --ObjectWriter--> event store (resourceVersion N)
 *                                                             |
 *   response <--read current-objects-- wait until the projection has applied N
 * </pre>
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
    private final CallerResolver callers;
    private final UidGenerator uids;
    private final AccessPolicy access;
    private final PolicyLedgerProperties properties;
    private final DryRunAnswers dryRuns;
    private final Ownership ownership;
    private final ServerSideApplies applies;
    private final ReadYourWrites readYourWrites;
    private final ObjectReads reads;
    private final ObjectMapper json = new ObjectMapper();

    ResourceOperations(
            RequestBodyDecoder decoder,
            ObjectWriter writer,
            CurrentObjectReader reader,
            CallerResolver callers,
            UidGenerator uids,
            AccessPolicy access,
            PolicyLedgerProperties properties,
            DryRunAnswers dryRuns,
            Ownership ownership,
            ServerSideApplies applies,
            ReadYourWrites readYourWrites,
            ObjectReads reads) {
        this.readYourWrites = readYourWrites;
        this.reads = reads;
        this.ownership = ownership;
        this.applies = applies;
        this.dryRuns = dryRuns;
        this.decoder = decoder;
        this.writer = writer;
        this.reader = reader;
        this.callers = callers;
        this.uids = uids;
        this.access = access;
        this.properties = properties;
    }

    <W> ResponseEntity<?> create(ResourceDefinition<W> def, String namespace, HttpServletRequest request) {
        boolean dryRun = WireChecks.dryRunRequested(request, null);
        W wire = decoder.decode(request, def.wireType());
        WireChecks.checkTypeMeta(def, wire);
        ObjectMeta meta = WireChecks.metadataOf(def, wire);
        if (meta.resourceVersion() != null && !meta.resourceVersion().isEmpty()) {
            throw invalid(
                    def,
                    meta.name(),
                    new FieldViolation(
                            FieldViolation.Type.FieldValueInvalid,
                            "metadata.resourceVersion",
                            "Invalid value: \"" + meta.resourceVersion() + "\": must be empty on create"));
        }
        WireChecks.checkNamespace(def, namespace, meta);
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
        return ResponseEntity.status(HttpStatus.CREATED).body(WireForm.of(def, readYourWrites.visible(written)));
    }

    /** Which part of an object a replace or patch addresses: the object, or its status subresource. */
    enum Part {
        MAIN,
        STATUS
    }

    <W> Object replace(
            ResourceDefinition<W> def, String namespace, String name, Part part, HttpServletRequest request) {
        boolean dryRun = WireChecks.dryRunRequested(request, null);
        W wire = decoder.decode(request, def.wireType());
        WireChecks.checkTypeMeta(def, wire);
        ObjectMeta sent = WireChecks.metadataOf(def, wire);
        WireChecks.checkName(name, sent);
        WireChecks.checkNamespace(def, namespace, sent);
        ObjectKey key = WireForm.keyOf(def, namespace, name);
        reads.hiddenIsNotFound(key);
        boolean clientPrecondition =
                sent.resourceVersion() != null && !sent.resourceVersion().isEmpty();
        Long clientVersion = clientPrecondition ? expectedVersion(key, sent.resourceVersion()) : null;
        // The replacement is written against the state its field owners were computed from; without a
        // client precondition, a change slipping in between is absorbed by computing again.
        return againstCurrent(key, clientPrecondition, current -> {
            ObjectMeta meta = part == Part.MAIN
                    ? ownership.updated(def, current, json.valueToTree(WireForm.of(def, current)), wire, sent, request)
                    : sent;
            Warnings.add(def.warningsFor(name, wire));
            Long expected =
                    clientPrecondition ? clientVersion : expectedVersion(key, Long.toString(current.resourceVersion()));
            ObjectCommand command = command(def, part, namespace, name, meta, wire, expected);
            if (dryRun) {
                return dryRuns.answer(def, key, current, writer.dryRun(command, callers.attributionOf(request)));
            }
            return WireForm.of(def, readYourWrites.visible(writer.submit(command, callers.attributionOf(request))));
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
            writer.latestResourceVersion(key).ifPresent(readYourWrites::awaitRevision);
            StoredObject current = reads.visible(key);
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
        boolean dryRun = WireChecks.dryRunRequested(request, null);
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
        ObjectKey key = WireForm.keyOf(def, namespace, name);
        return againstCurrent(key, clientPrecondition, current -> {
            JsonNode shown = json.valueToTree(WireForm.of(def, current));
            JsonNode patched = applyPatch(type, resource, shown, patch);
            if (!patched.isObject()) {
                throw ApiException.badRequest("the patched object is not a JSON object");
            }
            W wire = decoder.convert(request, patched, def.wireType());
            WireChecks.checkTypeMeta(def, wire);
            ObjectMeta meta = WireChecks.metadataOf(def, wire);
            WireChecks.checkName(name, meta);
            WireChecks.checkNamespace(def, namespace, meta);
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
            return WireForm.of(def, readYourWrites.visible(writer.submit(command, callers.attributionOf(request))));
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
        ObjectKey key = WireForm.keyOf(def, namespace, name);
        reads.hiddenIsNotFound(key);
        writer.latestResourceVersion(key).ifPresent(readYourWrites::awaitRevision);
        if (reader.get(key).isEmpty()) {
            W wire = decoder.convert(
                    request, applies.applied(def, null, config, namespace, name, request), def.wireType());
            Warnings.add(def.warningsFor(name, wire));
            ObjectCommand command =
                    def.create(callers.current(), namespace, name, uids.next(), WireChecks.metadataOf(def, wire), wire);
            if (dryRun) {
                return ResponseEntity.status(HttpStatus.CREATED)
                        .body(dryRuns.answer(def, key, null, writer.dryRun(command, callers.attributionOf(request))));
            }
            Written written = writer.submit(command, callers.attributionOf(request));
            return ResponseEntity.status(HttpStatus.CREATED).body(WireForm.of(def, readYourWrites.visible(written)));
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
                    WireChecks.metadataOf(def, wire),
                    wire,
                    current.uid(),
                    expectedVersion(key, clientPrecondition ? sentVersion : Long.toString(current.resourceVersion())));
            if (dryRun) {
                return dryRuns.answer(def, key, current, writer.dryRun(command, callers.attributionOf(request)));
            }
            return WireForm.of(def, readYourWrites.visible(writer.submit(command, callers.attributionOf(request))));
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
        boolean dryRun = WireChecks.dryRunRequested(request, options == null ? null : options.dryRun());
        ObjectKey key = WireForm.keyOf(def, namespace, name);
        reads.hiddenIsNotFound(key);
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
        readYourWrites.awaitRevision(written.resourceVersion());
        return deleted;
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
