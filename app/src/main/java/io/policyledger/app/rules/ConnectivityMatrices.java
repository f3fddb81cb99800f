package io.policyledger.app.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.api.ApiException;
import io.policyledger.core.access.Caller;
import io.policyledger.core.engine.ConnectivityEvaluator;
import io.policyledger.core.engine.Endpoint;
import io.policyledger.core.engine.EnginePod;
import io.policyledger.core.engine.PolicyEngine;
import io.policyledger.core.engine.Protocol;
import io.policyledger.core.engine.Verdict;
import io.policyledger.core.selector.LabelSelector;
import io.policyledger.core.selector.LabelSelectorValidation;
import io.policyledger.core.validation.InvalidObjectException;
import io.policyledger.core.validation.Violations;
import io.policyledger.protocol.ConnectivityView.ConnectivityMatrix;
import io.policyledger.protocol.ConnectivityView.DeniedCell;
import io.policyledger.protocol.ConnectivityView.MatrixStatus;
import io.policyledger.protocol.ConnectivityView.PortResult;
import io.policyledger.query.history.EffectiveRulesHistory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A reachability sweep in one call: every pod of some namespaces (optionally by label) to every other,
 * on each of a few ports, each cell decided by the same evaluator as a single check, against one state
 * of the rules (now, or a past revision). A tenant names only its own namespaces. Rows are strings in
 * the notation of the Kubernetes e2e suite ({@code 1} connects, {@code .} does not), and every denied
 * cell says which side refused and why.
 */
final class ConnectivityMatrices {

    static final int MAX_NAMESPACES = 50;
    static final int MAX_PORTS = 16;
    /** Cells one sweep may evaluate; past it, the request is refused with the numbers to narrow it. */
    static final int MAX_CELLS = 50_000;
    /** Denied cells listed with their reason; the table still shows every one. */
    static final int MAX_DENIED_LISTED = 1_000;

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> SPEC_FIELDS = Set.of("namespaces", "podSelector", "ports");
    private static final Set<String> PORT_FIELDS = Set.of("protocol", "port");

    private final ObjectMapper json;

    ConnectivityMatrices(ObjectMapper json) {
        this.json = json;
    }

    private record PortQuestion(Protocol protocol, int port) {}

    /** A sweep as asked, checked before any rules are loaded. */
    record Sweep(JsonNode spec, Set<String> namespaces, LabelSelector selector, List<PortQuestion> ports) {}

    Sweep parse(JsonNode request) {
        for (var names = request.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest("unknown field \"" + field + "\"");
            }
        }
        JsonNode spec = request.path("spec");
        for (var names = spec.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!SPEC_FIELDS.contains(field)) {
                throw ApiException.badRequest("unknown field \"spec." + field + "\"");
            }
        }
        return new Sweep(
                spec,
                namespaces(spec.path("namespaces")),
                selector(spec.get("podSelector")),
                ports(spec.path("ports")));
    }

    ConnectivityMatrix sweep(Sweep sweep, Caller caller, PolicyEngine engine, long revision) {
        Set<String> namespaces = sweep.namespaces();
        LabelSelector selector = sweep.selector();
        List<PortQuestion> ports = sweep.ports();
        for (String namespace : namespaces) {
            boolean visible = engine.namespace(namespace) != null
                    && caller.ownsTenant(
                            EffectiveRulesHistory.tenantOf(engine, namespace).orElse(null));
            if (!visible) {
                throw ApiException.notFound("namespaces \"" + namespace + "\" not found");
            }
        }
        List<EnginePod> pods = engine.pods().stream()
                .filter(p -> namespaces.contains(p.ref().namespace()) && selector.matches(p.labels()))
                .sorted(Comparator.comparing((EnginePod p) -> p.ref().namespace())
                        .thenComparing(p -> p.ref().name()))
                .toList();
        long cells = (long) pods.size() * pods.size() * ports.size();
        if (cells > MAX_CELLS) {
            throw ApiException.invalidField(
                    "ConnectivityMatrix",
                    "spec",
                    cells + " cells",
                    pods.size() + " pods x "
                            + pods.size() + " x " + ports.size() + " ports is more than " + MAX_CELLS
                            + " cells; narrow the namespaces, the podSelector or the ports");
        }
        ConnectivityEvaluator evaluator = new ConnectivityEvaluator(engine);
        List<PortResult> results = new ArrayList<>();
        long allowed = 0;
        for (PortQuestion question : ports) {
            List<String> table = new ArrayList<>();
            List<DeniedCell> denied = new ArrayList<>();
            for (EnginePod from : pods) {
                StringBuilder row = new StringBuilder(pods.size());
                for (EnginePod to : pods) {
                    Verdict verdict = evaluator.check(
                            new Endpoint.Pod(from.ref()),
                            new Endpoint.Pod(to.ref()),
                            question.protocol(),
                            question.port());
                    row.append(verdict.allowed() ? '1' : '.');
                    if (verdict.allowed()) {
                        allowed++;
                    } else if (denied.size() < MAX_DENIED_LISTED) {
                        boolean egress = !verdict.egress().allowed();
                        Verdict.DirectionVerdict side = egress ? verdict.egress() : verdict.ingress();
                        denied.add(new DeniedCell(
                                from.ref().toString(),
                                to.ref().toString(),
                                egress ? "egress" : "ingress",
                                side.reason(),
                                side.chain().stream().map(Object::toString).toList()));
                    }
                }
                table.add(row.toString());
            }
            results.add(new PortResult(question.protocol().name(), question.port(), table, denied, MAX_DENIED_LISTED));
        }
        MatrixStatus status = new MatrixStatus(
                pods.stream().map(p -> p.ref().toString()).toList(),
                results,
                allowed + " of " + cells + " connections allowed");
        return ConnectivityMatrix.of(revision, sweep.spec(), status);
    }

    private static Set<String> namespaces(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw invalid("spec.namespaces", node.toString(), "a list of 1 to " + MAX_NAMESPACES + " namespace names");
        }
        if (node.size() > MAX_NAMESPACES) {
            throw invalid("spec.namespaces", node.size(), "at most " + MAX_NAMESPACES + " namespaces");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode n : node) {
            if (!n.isTextual() || n.textValue().isEmpty()) {
                throw invalid("spec.namespaces", n.toString(), "each entry is a namespace name");
            }
            out.add(n.textValue());
        }
        return out;
    }

    private LabelSelector selector(JsonNode node) {
        if (node == null || node.isNull()) {
            return LabelSelector.EVERYTHING;
        }
        LabelSelector selector;
        try {
            selector = json.treeToValue(node, LabelSelector.class);
        } catch (Exception e) {
            throw invalid("spec.podSelector", node.toString(), "a label selector (matchLabels, matchExpressions)");
        }
        Violations v = new Violations();
        LabelSelectorValidation.validate(v, "spec.podSelector", selector);
        try {
            v.throwIfAny(io.policyledger.core.object.Kind.POD, "");
        } catch (InvalidObjectException e) {
            throw invalid(
                    "spec.podSelector", node.toString(), e.violations().get(0).message());
        }
        return selector;
    }

    private static List<PortQuestion> ports(JsonNode node) {
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_PORTS) {
            throw invalid("spec.ports", node.toString(), "a list of 1 to " + MAX_PORTS + " {protocol, port}");
        }
        List<PortQuestion> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            if (!p.isObject()) {
                throw invalid("spec.ports[" + i + "]", p.toString(), "an object with protocol and port");
            }
            for (var names = p.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!PORT_FIELDS.contains(field)) {
                    throw ApiException.badRequest("unknown field \"spec.ports[" + i + "]." + field + "\"");
                }
            }
            String protocol = p.path("protocol").asText("TCP");
            if (!List.of("TCP", "UDP", "SCTP").contains(protocol)) {
                throw invalid(
                        "spec.ports[" + i + "].protocol", protocol, "supported values: \"TCP\", \"UDP\", \"SCTP\"");
            }
            JsonNode port = p.get("port");
            if (port == null || !port.isInt() || port.intValue() < 1 || port.intValue() > 65535) {
                throw invalid(
                        "spec.ports[" + i + "].port",
                        port == null ? "" : port.toString(),
                        "a port number between 1 and 65535");
            }
            out.add(new PortQuestion(Protocol.of(protocol), port.intValue()));
        }
        return out;
    }

    private static ApiException invalid(String field, Object value, String detail) {
        return ApiException.invalidField("ConnectivityMatrix", field, value, detail);
    }
}
