package io.policyledger.app.api.openapi;

/** What each query parameter the API understands does, as the OpenAPI documents describe it. */
final class QueryParameterDescriptions {

    private QueryParameterDescriptions() {}

    static String of(String name) {
        return switch (name) {
            case "dryRun" -> "All: decide and answer as if stored (with the change's impact), store nothing.";
            case "fieldManager" ->
                "The name of the actor making the change (server-side apply tracks field ownership by it).";
            case "fieldValidation" ->
                "Strict (default): unknown or duplicate fields fail the request. Warn: they are "
                        + "dropped and named in Warning headers. Ignore: they are dropped silently.";
            case "force" -> "Server-side apply only: take over fields owned by other managers instead of a conflict.";
            case "labelSelector" -> "Only objects whose labels match this selector.";
            case "fieldSelector" -> "Only objects whose metadata.name or metadata.namespace match (= or ==, !=).";
            case "limit" -> "At most this many items; the rest by the continue token.";
            case "continue" -> "The token of the previous page's metadata.continue.";
            case "resourceVersion" -> "Answer from a state at least as new as this revision (watch: changes after it).";
            case "watch" -> "Stream ADDED, MODIFIED and DELETED events instead of a list.";
            case "timeoutSeconds" -> "End a watch after this many seconds.";
            case "allowWatchBookmarks" -> "Send BOOKMARK events carrying the newest revision seen.";
            default -> name;
        };
    }
}
