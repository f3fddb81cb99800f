package io.policyledger.app.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.api.patch.StrategicMergePatch;
import io.policyledger.app.api.registry.ApiResource;
import io.policyledger.app.api.registry.ApiResources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Field ownership, as Kubernetes' server-side apply keeps it (a faithful subset of structured-merge-diff):
 *
 * <ul>
 *   <li><b>Apply</b> ({@code application/apply-patch+yaml}): the applied configuration is merged into the
 *       object (maps by key, keyed lists by their merge key, sets by value, other lists whole); fields the
 *       manager applied before and no longer applies are removed unless another manager owns them; a field
 *       the configuration would change while another manager owns it is a conflict (unless forced, which
 *       takes the field over). The manager then owns exactly what it applied.</li>
 *   <li><b>Update</b> (create, replace, any other patch): the manager takes every field it changed or
 *       added, away from whoever owned it; removed fields are owned by no one.</li>
 * </ul>
 * Left out: status (owned by no one here), objects written before ownership was kept (their fields are
 * unowned, so a first apply never conflicts), and the upgrade of client-side-apply ownership.
 */
public final class FieldManagement {

    public static final String APPLY = "Apply";
    public static final String UPDATE = "Update";

    private final ApiResource resource;
    private final FieldSets fieldSets;

    public FieldManagement(ApiResource resource) {
        this.resource = resource;
        this.fieldSets = new FieldSets(resource.patchStrategies());
    }

    /** What an apply makes of the object: its new content and owners. */
    public record Applied(JsonNode object, List<ManagedFields.Entry> entries) {}

    /**
     * @param live    the object's content now (see {@link #content}), or null when the apply creates it
     * @param config  the applied configuration's content
     */
    public Applied apply(
            JsonNode live,
            JsonNode config,
            List<ManagedFields.Entry> entries,
            String manager,
            boolean force,
            Instant now) {
        Set<FieldPath> applied = fieldSets.of(config);
        JsonNode current = live == null ? JsonNodeFactory.instance.objectNode() : live;
        List<ApplyConflictException.Conflict> conflicts = new ArrayList<>();
        List<ManagedFields.Entry> others = new ArrayList<>();
        for (ManagedFields.Entry e : entries) {
            if (e.is(manager, APPLY)) {
                continue;
            }
            Set<FieldPath> owned = new LinkedHashSet<>(e.fields());
            for (FieldPath p : e.fields()) {
                // An entry of a keyed list is shared by whoever sets fields in it: only its fields conflict.
                if (applied.contains(p)
                        && !p.isEntryMarker()
                        && !FieldSets.valueAt(config, p).equals(FieldSets.valueAt(current, p))) {
                    conflicts.add(new ApplyConflictException.Conflict(e.manager(), p.display()));
                    owned.remove(p);
                }
            }
            others.add(new ManagedFields.Entry(e.manager(), e.operation(), e.apiVersion(), e.time(), owned));
        }
        if (!conflicts.isEmpty() && !force) {
            throw new ApplyConflictException(conflicts, resource.apiVersion());
        }
        JsonNode merged = new StrategicMergePatch(resource.patchStrategies()).apply(current, config);
        Set<FieldPath> before = entries.stream()
                .filter(e -> e.is(manager, APPLY))
                .findFirst()
                .map(ManagedFields.Entry::fields)
                .orElse(Set.of());
        for (FieldPath dropped : before) {
            if (!applied.contains(dropped)
                    && others.stream().noneMatch(o -> o.fields().contains(dropped))) {
                FieldSets.remove(merged, dropped);
            }
        }
        List<ManagedFields.Entry> result = new ArrayList<>();
        for (ManagedFields.Entry o : others) {
            if (!o.fields().isEmpty()) {
                result.add(o);
            }
        }
        if (!applied.isEmpty()) {
            result.add(entry(entries, manager, APPLY, applied, now));
        }
        return new Applied(merged, result);
    }

    /** The owners after a plain write by {@code manager} that turned {@code before} (null: none) into {@code after}. */
    public List<ManagedFields.Entry> update(
            JsonNode before, JsonNode after, List<ManagedFields.Entry> entries, String manager, Instant now) {
        Set<FieldPath> now_ = fieldSets.of(after);
        Set<FieldPath> changed = new LinkedHashSet<>();
        for (FieldPath p : now_) {
            if (before == null || !FieldSets.valueAt(after, p).equals(FieldSets.valueAt(before, p))) {
                changed.add(p);
            }
        }
        List<ManagedFields.Entry> result = new ArrayList<>();
        Set<FieldPath> mine = new LinkedHashSet<>();
        for (ManagedFields.Entry e : entries) {
            Set<FieldPath> kept = new LinkedHashSet<>();
            for (FieldPath p : e.fields()) {
                if (now_.contains(p) && !changed.contains(p)) {
                    kept.add(p);
                }
            }
            if (e.is(manager, UPDATE)) {
                mine.addAll(kept);
            } else if (!kept.isEmpty()) {
                result.add(new ManagedFields.Entry(e.manager(), e.operation(), e.apiVersion(), e.time(), kept));
            }
        }
        mine.addAll(changed);
        if (!mine.isEmpty()) {
            result.add(entry(entries, manager, UPDATE, mine, now));
        }
        return result;
    }

    /**
     * A manager's entry; when it owns the same fields as before it keeps its time, so a write that changes
     * nothing leaves the object's metadata as it was.
     */
    private ManagedFields.Entry entry(
            List<ManagedFields.Entry> before, String manager, String operation, Set<FieldPath> fields, Instant now) {
        return before.stream()
                .filter(e -> e.is(manager, operation)
                        && e.fields().equals(fields)
                        && e.apiVersion().equals(resource.apiVersion()))
                .findFirst()
                .orElseGet(() -> new ManagedFields.Entry(manager, operation, resource.apiVersion(), now, fields));
    }

    /** What ownership is about: the object without identity, server-set metadata and status. */
    public JsonNode content(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove(List.of("apiVersion", "kind", "status"));
        if (copy.get("metadata") instanceof ObjectNode meta) {
            meta.remove(List.of(
                    "name",
                    "namespace",
                    "uid",
                    "resourceVersion",
                    "generation",
                    "creationTimestamp",
                    "generateName",
                    "managedFields"));
            if (meta.get("labels") instanceof ObjectNode labels) {
                labels.remove(ApiResources.serverSetLabels(resource));
                if (labels.isEmpty()) {
                    meta.remove("labels");
                }
            }
            if (meta.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove(ManagedFields.ANNOTATION);
                if (annotations.isEmpty()) {
                    meta.remove("annotations");
                }
            }
            if (meta.isEmpty()) {
                copy.remove("metadata");
            }
        }
        return copy;
    }
}
