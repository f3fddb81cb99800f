package io.policyledger.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.rules.ImpactPreview;
import io.policyledger.app.web.CallerResolver;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaRules;
import io.policyledger.query.objects.StoredObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The answer to a dry run: the object as the write would have left it (nothing was stored, so it keeps
 * its resourceVersion, and a new one has none), plus {@code impact}: the connections whose verdict the
 * write would change.
 */
@Component
class DryRunAnswers {

    private final ImpactPreview impacts;
    private final CallerResolver callers;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    DryRunAnswers(ImpactPreview impacts, CallerResolver callers) {
        this.impacts = impacts;
        this.callers = callers;
    }

    <W> ObjectNode answer(ResourceDefinition<W> def, ObjectKey key, StoredObject current, List<Object> events) {
        StoredObject after = events.isEmpty() ? current : wouldBe(key, current, json.valueToTree(events.get(events.size() - 1)));
        ObjectNode shown = json.valueToTree(ResourceOperations.show(def, after));
        if (current == null && shown.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("resourceVersion");
        }
        return withImpact(shown, events);
    }

    ObjectNode withImpact(ObjectNode answer, List<Object> events) {
        answer.set("impact", impacts.impactOf(events, callers.current()));
        return answer;
    }

    /** The stored object the event would have made, the way the current-objects projection makes it. */
    private StoredObject wouldBe(ObjectKey key, StoredObject current, JsonNode event) {
        String uid = event.hasNonNull("uid") ? event.get("uid").asText() : current.uid();
        long generation = event.has("generation") ? event.get("generation").asLong()
                : current != null ? current.generation() : event.has("spec") ? 1 : 0;
        Instant created = event.hasNonNull("creationTimestamp")
                ? Instant.parse(event.get("creationTimestamp").asText()) : current.creationTimestamp();
        return new StoredObject(key, uid, current == null ? 0 : current.resourceVersion(), generation, created,
                event.has("labels") ? map(event.get("labels")) : current.labels(),
                event.has("annotations") ? map(event.get("annotations")) : current.annotations(),
                event.has("spec") ? nullIfNull(event.get("spec")) : current == null ? null : current.spec(),
                event.has("status") ? nullIfNull(event.get("status")) : current == null ? null : current.status());
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> map(JsonNode node) {
        return ObjectMetaRules.sortedCopy(json.convertValue(node, Map.class));
    }

    private static JsonNode nullIfNull(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
