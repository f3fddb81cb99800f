package io.policyledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.UidGenerator;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The Kubernetes writes, once for every kind: create, replace, patch, server-side apply and delete. Reads
 * are {@link ObjectReads}; read-your-writes is {@link ReadYourWrites}; what a request's object must agree
 * with is {@link WireChecks}; a patch's format and shape is {@link PatchRequest}; writes against the
 * current object and their retries are {@link ConflictRetries}.
 *
 * <pre>
 *   request --decode/validate--> command --ObjectWriter--> event store (resourceVersion N)
 *                                                             |
 *   response <--read current-objects-- wait until the projection has applied N
 * </pre>
 */
@Component
class ResourceOperations {

    private static final String GENERATED_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final RequestBodyDecoder decoder;
    private final ObjectWriter writer;
    private final CurrentObjectReader reader;
    private final CallerResolver callers;
    private final UidGenerator uids;
    private final AccessPolicy access;
    private final ConflictRetries retries;
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
            ConflictRetries retries,
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
        this.retries = retries;
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
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(stored(def, command.key(), null, command, dryRun, request));
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
        return retries.againstCurrent(key, clientPrecondition, current -> {
            ObjectMeta meta = part == Part.MAIN
                    ? ownership.updated(def, current, json.valueToTree(WireForm.of(def, current)), wire, sent, request)
                    : sent;
            Warnings.add(def.warningsFor(name, wire));
            Long expected =
                    clientPrecondition ? clientVersion : expectedVersion(key, Long.toString(current.resourceVersion()));
            ObjectCommand command = command(def, part, namespace, name, meta, wire, expected);
            return stored(def, key, current, command, dryRun, request);
        });
    }

    /**
     * Applies a patch to the current object and stores the result as a replacement, against the newest
     * state the read model shows (see {@link ConflictRetries} for a change that slips in between).
     */
    <W> Object patch(ResourceDefinition<W> def, String namespace, String name, Part part, HttpServletRequest request) {
        boolean dryRun = WireChecks.dryRunRequested(request, null);
        PatchRequest patch = PatchRequest.of(
                request.getContentType(), decoder.readPatch(request, PatchRequest.CONTENT_TYPES), def.resource());
        if (patch.isApply()) {
            if (part == Part.STATUS) {
                throw ApiException.unsupportedMediaType("server-side apply of the status subresource is not supported");
            }
            return serverSideApply(def, namespace, name, patch, dryRun, request);
        }
        boolean clientPrecondition = patch.namesResourceVersion();
        ObjectKey key = WireForm.keyOf(def, namespace, name);
        return retries.againstCurrent(key, clientPrecondition, current -> {
            JsonNode shown = json.valueToTree(WireForm.of(def, current));
            W wire = decoder.convert(request, patch.applyTo(shown), def.wireType());
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
            return stored(
                    def,
                    key,
                    current,
                    command(def, part, namespace, name, meta, wire, expectedVersion),
                    dryRun,
                    request);
        });
    }

    /** An apply: a create when the object does not exist, else a replacement against its current state. */
    private <W> Object serverSideApply(
            ResourceDefinition<W> def,
            String namespace,
            String name,
            PatchRequest config,
            boolean dryRun,
            HttpServletRequest request) {
        ObjectKey key = WireForm.keyOf(def, namespace, name);
        reads.hiddenIsNotFound(key);
        writer.latestResourceVersion(key).ifPresent(readYourWrites::awaitRevision);
        if (reader.get(key).isEmpty()) {
            W wire = decoder.convert(
                    request, applies.applied(def, null, config.body(), namespace, name, request), def.wireType());
            Warnings.add(def.warningsFor(name, wire));
            ObjectCommand command =
                    def.create(callers.current(), namespace, name, uids.next(), WireChecks.metadataOf(def, wire), wire);
            return ResponseEntity.status(HttpStatus.CREATED).body(stored(def, key, null, command, dryRun, request));
        }
        boolean clientPrecondition = config.namesResourceVersion();
        String sentVersion = config.body().at("/metadata/resourceVersion").asText("");
        return retries.againstCurrent(key, clientPrecondition, current -> {
            W wire = decoder.convert(
                    request, applies.applied(def, current, config.body(), namespace, name, request), def.wireType());
            Warnings.add(def.warningsFor(name, wire));
            ObjectCommand command = def.replace(
                    namespace,
                    name,
                    WireChecks.metadataOf(def, wire),
                    wire,
                    current.uid(),
                    expectedVersion(key, clientPrecondition ? sentVersion : Long.toString(current.resourceVersion())));
            return stored(def, key, current, command, dryRun, request);
        });
    }

    /**
     * The command's outcome as the response shows it: the object once it is visible, or in a dry run what
     * storing it would do ({@code current} is the object it replaces, null for a create).
     */
    private <W> Object stored(
            ResourceDefinition<W> def,
            ObjectKey key,
            StoredObject current,
            ObjectCommand command,
            boolean dryRun,
            HttpServletRequest request) {
        if (dryRun) {
            return dryRuns.answer(def, key, current, writer.dryRun(command, callers.attributionOf(request)));
        }
        return WireForm.of(def, readYourWrites.visible(writer.submit(command, callers.attributionOf(request))));
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
