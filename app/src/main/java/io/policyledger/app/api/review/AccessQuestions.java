package io.policyledger.app.api.review;

import io.policyledger.app.api.registry.ApiAccess;
import io.policyledger.app.api.registry.ApiResource;
import io.policyledger.app.api.registry.ApiResources;
import io.policyledger.app.security.AccessDecision;
import io.policyledger.app.security.AccessPolicy;
import io.policyledger.core.access.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * "May I?" answered by asking the access policy about the request the verb would make: the same rules
 * that decide real requests decide reviews, so {@code kubectl auth can-i} can never disagree with what
 * the server then does.
 */
@Component
class AccessQuestions {

    /** A verb on a resource (Kubernetes' ResourceAttributes). Empty strings are absent fields. */
    record Question(
            String verb,
            String group,
            String version,
            String resource,
            String subresource,
            String name,
            String namespace) {

        String qualified() {
            return resource + (subresource.isEmpty() ? "" : "/" + subresource) + (group.isEmpty() ? "" : "." + group);
        }
    }

    record Answer(boolean allowed, String reason) {}

    /** A rule of a rules review: verbs allowed on a resource of a group. */
    record Rule(String group, String resource, List<String> verbs) {}

    private static final String ANY_NAME = "_";

    private final AccessPolicy access;

    AccessQuestions(AccessPolicy access) {
        this.access = access;
    }

    Answer ask(Caller caller, Question q) {
        if (q.verb().equals("*") || q.resource().equals("*") || q.group().equals("*")) {
            return caller.unrestricted()
                    ? new Answer(true, "a platform admin may do anything")
                    : new Answer(false, "only a platform admin may do everything");
        }
        Optional<ApiResource> found = ApiResources.all().stream()
                .filter(r -> r.group().equals(q.group())
                        && r.plural().equals(q.resource())
                        && (q.version().isEmpty() || r.groupVersion().version().equals(q.version())))
                .findFirst();
        if (found.isEmpty()) {
            return new Answer(
                    false,
                    "the server does not serve " + q.resource() + (q.group().isEmpty() ? "" : "." + q.group()));
        }
        ApiResource r = found.get();
        List<String> verbs = q.subresource().isEmpty()
                ? r.verbs()
                : r.subresources().stream()
                        .filter(s -> s.name().equals(q.subresource()))
                        .findFirst()
                        .map(ApiResource.Subresource::verbs)
                        .orElse(List.of());
        if (!verbs.contains(q.verb())) {
            return new Answer(false, q.qualified() + " does not support the verb \"" + q.verb() + "\"");
        }
        if (q.verb().equals("watch")
                && r.access() == ApiAccess.PLATFORM_TENANTS_READ
                && caller.role().tenantScoped()) {
            // The access policy sees a GET; the watch itself is refused to tenants (ObjectWatches).
            return new Answer(false, "tenants list " + r.plural() + ", they do not watch them");
        }
        AccessDecision decision = access.decide(caller, method(q.verb()), path(r, q));
        return decision.isGranted()
                ? new Answer(true, "allowed by the access policy")
                : new Answer(false, decision.message());
    }

    /** Everything the caller may do in a namespace (and cluster-wide), resource by resource. */
    List<Rule> rules(Caller caller, String namespace) {
        List<Rule> rules = new ArrayList<>();
        for (ApiResource r : ApiResources.all()) {
            List<String> allowed = r.verbs().stream()
                    .filter(verb -> ask(
                                    caller,
                                    new Question(
                                            verb, r.group(), r.groupVersion().version(), r.plural(), "", "", namespace))
                            .allowed())
                    .toList();
            if (!allowed.isEmpty()) {
                rules.add(new Rule(r.group(), r.plural(), allowed));
            }
            for (ApiResource.Subresource sub : r.subresources()) {
                List<String> subAllowed = sub.verbs().stream()
                        .filter(verb -> ask(
                                        caller,
                                        new Question(
                                                verb,
                                                r.group(),
                                                r.groupVersion().version(),
                                                r.plural(),
                                                sub.name(),
                                                "",
                                                namespace))
                                .allowed())
                        .toList();
                if (!subAllowed.isEmpty()) {
                    rules.add(new Rule(r.group(), r.plural() + "/" + sub.name(), subAllowed));
                }
            }
        }
        return rules;
    }

    private static String method(String verb) {
        return switch (verb) {
            case "create" -> "POST";
            case "update" -> "PUT";
            case "patch" -> "PATCH";
            case "delete" -> "DELETE";
            default -> "GET";
        };
    }

    /** The path the verb's request would address. */
    private static String path(ApiResource r, Question q) {
        boolean item = !List.of("create", "list", "watch").contains(q.verb())
                || !q.subresource().isEmpty();
        String name = q.name().isEmpty() ? ANY_NAME : q.name();
        if (!r.namespaced()
                && r.plural().equals("namespaces")
                && q.name().isEmpty()
                && !q.namespace().isEmpty()) {
            name = q.namespace(); // "get namespaces -n shop": that namespace
        }
        String namespace = q.namespace().isEmpty() ? null : q.namespace();
        String collection = r.collectionPath(r.namespaced() ? namespace : null);
        if (r.plural().equals("connectivitychecks") || r.plural().startsWith("selfsubject")) {
            return collection;
        }
        return item ? collection + "/" + name + (q.subresource().isEmpty() ? "" : "/" + q.subresource()) : collection;
    }
}
