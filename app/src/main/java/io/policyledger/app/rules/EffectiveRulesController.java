package io.policyledger.app.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.api.ApiException;
import io.policyledger.app.api.RequestBodyDecoder;
import io.policyledger.app.web.CallerResolver;
import io.policyledger.core.access.Caller;
import io.policyledger.query.effective.EffectiveRulesReader;
import io.policyledger.query.effective.EffectiveRulesReader.AtRevision;
import io.policyledger.query.effective.EffectiveRulesReader.PodRules;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Effective rules and connectivity checks. Reads are consistent by default: they wait until the
 * effective-rules projection has applied every event stored when the request arrived (so a client sees
 * the effect of its own writes), or the {@code ?resourceVersion=N} it names.
 */
@RestController
@RequestMapping(path = "/apis/policyledger.io/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class EffectiveRulesController {

    private final EffectiveRulesReader reader;
    private final EffectiveRulesRevision revision;
    private final CallerResolver callers;
    private final RequestBodyDecoder decoder;
    private final ObjectMapper json = new ObjectMapper();
    private final EffectiveRulesPresenter presenter = new EffectiveRulesPresenter(json);
    private final ConnectivityChecks checks;

    EffectiveRulesController(EffectiveRulesReader reader, EffectiveRulesRevision revision, CallerResolver callers,
                             RequestBodyDecoder decoder) {
        this.reader = reader;
        this.revision = revision;
        this.callers = callers;
        this.decoder = decoder;
        this.checks = new ConnectivityChecks(reader, presenter, json);
    }

    @GetMapping("/namespaces/{namespace}/effectiverules")
    ObjectNode list(@PathVariable String namespace, HttpServletRequest request) {
        revision.awaitRequested(request.getParameter("resourceVersion"));
        Caller caller = callers.current();
        AtRevision<List<PodRules>> rules = reader.inOneSnapshot(() -> {
            requireNamespace(namespace);
            return reader.ofNamespace(namespace);
        });
        ObjectNode out = json.createObjectNode().put("apiVersion", EffectiveRulesPresenter.API_VERSION)
                .put("kind", "EffectiveRulesList");
        out.putObject("metadata").put("resourceVersion", Long.toString(rules.revision()));
        ArrayNode items = out.putArray("items");
        rules.value().forEach(r -> items.add(presenter.show(r, caller)));
        return out;
    }

    @GetMapping("/namespaces/{namespace}/effectiverules/{name}")
    ObjectNode get(@PathVariable String namespace, @PathVariable("name") String pod, HttpServletRequest request) {
        revision.awaitRequested(request.getParameter("resourceVersion"));
        Caller caller = callers.current();
        AtRevision<PodRules> rules = reader.inOneSnapshot(() -> {
            requireNamespace(namespace);
            return reader.ofPod(namespace, pod).orElseThrow(() -> ApiException.notFound(
                    "effectiverules \"" + pod + "\" not found (no pod of that name in namespace \"" + namespace + "\")"));
        });
        return presenter.show(rules.value(), caller);
    }

    @PostMapping("/connectivitychecks")
    ObjectNode check(HttpServletRequest request) {
        JsonNode body = decoder.decode(request, JsonNode.class);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a ConnectivityCheck object");
        }
        revision.awaitRequested(request.getParameter("resourceVersion"));
        return checks.check(body, callers.current());
    }

    private void requireNamespace(String namespace) {
        if (reader.tenantOf(namespace).isEmpty()) {
            throw ApiException.notFound("namespaces \"" + namespace + "\" not found");
        }
    }

}
