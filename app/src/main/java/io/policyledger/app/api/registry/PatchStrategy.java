package io.policyledger.app.api.registry;

/**
 * How a strategic merge patch treats one list or map of a kind, as Kubernetes' {@code patchStrategy} and
 * {@code patchMergeKey} struct tags say: lists not named are replaced whole.
 *
 * @param strategy  {@code merge} (entries merged by key, or for primitives: union) or {@code retainKeys}
 * @param mergeKey  the field that identifies a list entry; null for lists of primitives and for maps
 */
public record PatchStrategy(String strategy, String mergeKey) {

    public static PatchStrategy mergeBy(String key) {
        return new PatchStrategy("merge", key);
    }

    public static PatchStrategy union() {
        return new PatchStrategy("merge", null);
    }
}
