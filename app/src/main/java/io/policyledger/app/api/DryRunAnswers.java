package io.policyledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.rules.ImpactPreview;
import io.policyledger.app.web.CallerResolver;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import io.policyledger.protocol.ConnectivityView.Impact;
import io.policyledger.protocol.ConnectivityView.ImpactChange;
import io.policyledger.query.objects.StoredObject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The answer to a dry run: the object as the write would have left it (nothing was stored, so it keeps
 * its resourceVersion, and a new one has none), plus {@code impact}: the connections whose verdict the
 * write would change.
 */
@Component
class DryRunAnswers {

    private final ImpactPreview impacts;
    private final CallerResolver callers;
    private final ObjectMapper json =
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    DryRunAnswers(ImpactPreview impacts, CallerResolver callers) {
        this.impacts = impacts;
        this.callers = callers;
    }

    <W> ObjectNode answer(ResourceDefinition<W> def, ObjectKey key, StoredObject current, List<Object> events) {
        StoredObject after =
                events.isEmpty() ? current : wouldBe(key, current, json.valueToTree(events.get(events.size() - 1)));
        ObjectNode shown = json.valueToTree(WireForm.of(def, after));
        if (current == null && shown.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("resourceVersion");
        }
        return withImpact(shown, events);
    }

    /**
     * kubectl (which names itself in {@code fieldManager}) prints what comes back as the object, as in
     * {@code kubectl diff}: it gets the object alone, and the impact as {@code Warning} headers, which
     * kubectl shows. Every other client gets the impact in the answer.
     */
    ObjectNode withImpact(ObjectNode answer, List<Object> events) {
        Impact impact = impacts.impactOf(events, callers.current());
        HttpServletRequest request = currentRequest();
        String manager = request == null ? null : request.getParameter("fieldManager");
        if (manager != null
                && manager.startsWith("kubectl")
                && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            Warnings.add(warnings(impact));
            return answer;
        }
        answer.set("impact", json.valueToTree(impact));
        return answer;
    }

    /** A count each way, then the first ten changes, one per line. */
    static List<String> warnings(Impact impact) {
        long allowed = impact.changes().stream()
                .filter(c -> "allowed".equals(c.after()))
                .count();
        long denied = impact.changes().size() - allowed;
        List<String> out = new java.util.ArrayList<>();
        out.add("dry run: " + allowed + " connection(s) would become allowed, " + denied + " denied"
                + (impact.truncated() ? " (the list is cut short)" : ""));
        int shown = 0;
        for (ImpactChange change : impact.changes()) {
            if (shown++ == 10) {
                out.add("... and " + (impact.changes().size() - 10) + " more");
                break;
            }
            out.add(endpoint(change.from()) + " -> " + endpoint(change.to()) + " " + change.protocol() + "/"
                    + change.port() + (change.endPort() == null ? "" : "-" + change.endPort()) + ": "
                    + change.before() + " -> " + change.after());
        }
        return out;
    }

    private static String endpoint(String endpoint) {
        return endpoint.replace("\"", "'");
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
    }

    /** The stored object the event would have made, the way the current-objects projection makes it. */
    private StoredObject wouldBe(ObjectKey key, StoredObject current, JsonNode event) {
        String uid = event.hasNonNull("uid") ? event.get("uid").asText() : current.uid();
        long generation = event.has("generation")
                ? event.get("generation").asLong()
                : current != null ? current.generation() : event.has("spec") ? 1 : 0;
        Instant created = event.hasNonNull("creationTimestamp")
                ? Instant.parse(event.get("creationTimestamp").asText())
                : current.creationTimestamp();
        return new StoredObject(
                key,
                uid,
                current == null ? 0 : current.resourceVersion(),
                generation,
                created,
                event.has("labels") ? map(event.get("labels")) : current.labels(),
                event.has("annotations") ? map(event.get("annotations")) : current.annotations(),
                event.has("spec") ? nullIfNull(event.get("spec")) : current == null ? null : current.spec(),
                event.has("status") ? nullIfNull(event.get("status")) : current == null ? null : current.status());
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> map(JsonNode node) {
        return ObjectMetaValidation.sortedCopy(json.convertValue(node, Map.class));
    }

    private static JsonNode nullIfNull(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
