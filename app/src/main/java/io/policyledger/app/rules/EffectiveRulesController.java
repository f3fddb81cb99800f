package io.policyledger.app.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.api.ApiException;
import io.policyledger.app.api.PastRevisions;
import io.policyledger.app.api.RequestBodyDecoder;
import io.policyledger.app.web.CallerResolver;
import io.policyledger.core.access.Caller;
import io.policyledger.core.engine.PodRef;
import io.policyledger.core.engine.PolicyEngine;
import io.policyledger.protocol.ConnectivityView.ConnectivityCheck;
import io.policyledger.protocol.ConnectivityView.ConnectivityMatrix;
import io.policyledger.protocol.EffectiveRulesView.EffectiveRules;
import io.policyledger.protocol.EffectiveRulesView.EffectiveRulesList;
import io.policyledger.query.effective.EffectiveInputs;
import io.policyledger.query.effective.EffectiveRulesReader;
import io.policyledger.query.effective.EffectiveRulesReader.AtRevision;
import io.policyledger.query.effective.EffectiveRulesReader.PodRules;
import io.policyledger.query.history.EffectiveRulesHistory;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
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
    private final EffectiveRulesPresenter presenter = new EffectiveRulesPresenter();
    private final ConnectivityChecks checks;
    private final EffectiveRulesHistory history;
    private final PastRevisions pastRevisions;
    private final EffectiveInputs inputs;
    private final ConnectivityMatrices matrices = new ConnectivityMatrices(json);

    EffectiveRulesController(
            EffectiveRulesReader reader,
            EffectiveRulesRevision revision,
            CallerResolver callers,
            RequestBodyDecoder decoder,
            EffectiveRulesHistory history,
            PastRevisions pastRevisions,
            EffectiveInputs inputs) {
        this.inputs = inputs;
        this.history = history;
        this.pastRevisions = pastRevisions;
        this.reader = reader;
        this.revision = revision;
        this.callers = callers;
        this.decoder = decoder;
        this.checks = new ConnectivityChecks(reader);
    }

    @GetMapping("/namespaces/{namespace}/effectiverules")
    EffectiveRulesList list(@PathVariable String namespace, HttpServletRequest request) {
        Optional<Long> past = pastRevisions.of(request);
        if (past.isPresent()) {
            PolicyEngine engine = engineAt(namespace, past.get());
            return listOf(history.ofNamespace(engine, namespace, past.get()), past.get(), callers.current());
        }
        revision.awaitRequested(request.getParameter("resourceVersion"));
        Caller caller = callers.current();
        AtRevision<List<PodRules>> rules = reader.inOneSnapshot(() -> {
            requireNamespace(namespace);
            return reader.ofNamespace(namespace);
        });
        return listOf(rules.value(), rules.revision(), caller);
    }

    private EffectiveRulesList listOf(List<PodRules> rules, long at, Caller caller) {
        return EffectiveRulesList.of(
                at, rules.stream().map(r -> presenter.show(r, caller)).toList());
    }

    @GetMapping("/namespaces/{namespace}/effectiverules/{name}")
    EffectiveRules get(@PathVariable String namespace, @PathVariable("name") String pod, HttpServletRequest request) {
        Optional<Long> past = pastRevisions.of(request);
        if (past.isPresent()) {
            PolicyEngine engine = engineAt(namespace, past.get());
            return presenter.show(
                    history.ofPod(engine, new PodRef(namespace, pod), past.get())
                            .orElseThrow(() -> ApiException.notFound(
                                    "effectiverules \"" + pod + "\" not found at revision " + past.get())),
                    callers.current());
        }
        revision.awaitRequested(request.getParameter("resourceVersion"));
        Caller caller = callers.current();
        AtRevision<PodRules> rules = reader.inOneSnapshot(() -> {
            requireNamespace(namespace);
            return reader.ofPod(namespace, pod)
                    .orElseThrow(() -> ApiException.notFound("effectiverules \"" + pod
                            + "\" not found (no pod of that name in namespace \"" + namespace + "\")"));
        });
        return presenter.show(rules.value(), caller);
    }

    /** A reachability sweep: pods of some namespaces × ports, each cell decided, in one call (also ?revision=). */
    @PostMapping("/connectivitymatrices")
    ConnectivityMatrix matrix(HttpServletRequest request) {
        JsonNode body = decoder.decode(request, JsonNode.class);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a ConnectivityMatrix object");
        }
        // Everything that can be refused is refused before the rules are loaded.
        ConnectivityMatrices.Sweep sweep = matrices.parse(body);
        Caller caller = callers.current();
        Optional<Long> past = pastRevisions.of(request);
        if (past.isPresent()) {
            return matrices.sweep(sweep, caller, history.engineAt(past.get()), past.get());
        }
        revision.awaitRequested(request.getParameter("resourceVersion"));
        for (String namespace : sweep.namespaces()) {
            Optional<String> owner = reader.tenantOf(namespace);
            if (owner.isEmpty() || !caller.ownsTenant(owner.get())) {
                throw ApiException.notFound("namespaces \"" + namespace + "\" not found");
            }
        }
        EffectiveRulesReader.AtRevision<PolicyEngine> now = reader.inOneSnapshot(inputs::load);
        return matrices.sweep(sweep, caller, now.value(), now.revision());
    }

    @PostMapping("/connectivitychecks")
    ConnectivityCheck check(HttpServletRequest request) {
        JsonNode body = decoder.decode(request, JsonNode.class);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a ConnectivityCheck object");
        }
        Optional<Long> past = pastRevisions.of(request);
        if (past.isPresent()) {
            // Who may name what is decided by the namespaces' owners then (see ConnectivityChecks.past).
            return checks.check(
                    body, callers.current(), ConnectivityChecks.past(history.engineAt(past.get()), past.get()));
        }
        revision.awaitRequested(request.getParameter("resourceVersion"));
        return checks.check(body, callers.current());
    }

    /**
     * The engine at a past revision, for a namespace the caller may ask about then: a tenant only from
     * when the namespace became its own (a name that passed between tenants keeps the earlier owner's past).
     */
    private PolicyEngine engineAt(String namespace, long at) {
        Caller caller = callers.current();
        if (!caller.unrestricted()) {
            requireNamespace(namespace);
            if (at < history.createdAt(namespace)) {
                throw ApiException.notFound("namespaces \"" + namespace + "\" not found at revision " + at);
            }
        }
        PolicyEngine engine = history.engineAt(at);
        if (engine.namespace(namespace) == null) {
            throw ApiException.notFound("namespaces \"" + namespace + "\" not found at revision " + at);
        }
        return engine;
    }

    private void requireNamespace(String namespace) {
        if (reader.tenantOf(namespace).isEmpty()) {
            throw ApiException.notFound("namespaces \"" + namespace + "\" not found");
        }
    }
}
