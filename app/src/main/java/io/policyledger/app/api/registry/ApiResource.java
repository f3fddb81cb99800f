package io.policyledger.app.api.registry;

import java.util.List;
import java.util.Map;

/**
 * One resource the API serves, described once: discovery, access rules, OpenAPI, tables and strategic
 * merge are all derived from this.
 *
 * @param wireType       the record objects of this resource are read into and shown from; null when the
 *                       resource has no fixed schema (computed views such as effective rules)
 * @param strategicMerge whether {@code application/strategic-merge-patch+json} is accepted (the kinds
 *                       kubectl knows as built-in types); the others answer 415 so kubectl sends a merge patch
 * @param patchStrategies list and map paths ({@code spec.containers}) that a strategic merge patch merges
 *                       instead of replacing
 * @param subresources   e.g. {@code status}, each with its own verbs
 * @param description    what the kind is, for {@code kubectl explain}
 * @param access         which of the access policy's rules decides requests to it
 */
public record ApiResource(
        GroupVersion groupVersion,
        String kind,
        String plural,
        String singular,
        List<String> shortNames,
        boolean namespaced,
        List<String> verbs,
        Class<?> wireType,
        List<TableColumn> columns,
        boolean strategicMerge,
        Map<String, PatchStrategy> patchStrategies,
        List<Subresource> subresources,
        String description,
        ApiAccess access) {

    public static final List<String> READ_VERBS = List.of("get", "list", "watch");
    public static final List<String> ALL_VERBS = List.of("create", "delete", "get", "list", "patch", "update", "watch");

    /** A subresource ({@code pods/status}): its name after the slash, the kind it serves and its verbs. */
    public record Subresource(String name, String kind, List<String> verbs) {}

    public String apiVersion() {
        return groupVersion.apiVersion();
    }

    public String group() {
        return groupVersion.group();
    }

    public String listKind() {
        return kind + "List";
    }

    public boolean allows(String verb) {
        return verbs.contains(verb);
    }

    /** {@code networkpolicies.networking.k8s.io}, or {@code pods} in the core group. */
    public String qualifiedName() {
        return group().isEmpty() ? plural : plural + "." + group();
    }

    /** The collection's path in a namespace (or cluster-wide when {@code namespace} is null). */
    public String collectionPath(String namespace) {
        return groupVersion.path() + (namespaced && namespace != null ? "/namespaces/" + namespace : "") + "/" + plural;
    }
}
