package io.policyledger.app.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.api.ApiException;
import io.policyledger.core.access.Caller;
import io.policyledger.core.engine.ConnectivityEvaluator;
import io.policyledger.core.engine.Endpoint;
import io.policyledger.core.engine.EnginePod;
import io.policyledger.core.engine.NamedPort;
import io.policyledger.core.engine.PodRef;
import io.policyledger.core.engine.PolicyEngine;
import io.policyledger.core.engine.PolicyRef;
import io.policyledger.core.engine.Protocol;
import io.policyledger.core.engine.RuleView;
import io.policyledger.core.engine.Verdict;
import io.policyledger.core.net.IpAddress;
import io.policyledger.core.validation.NameValidation;
import io.policyledger.protocol.ConnectivityView.CheckSpec;
import io.policyledger.protocol.ConnectivityView.CheckStatus;
import io.policyledger.protocol.ConnectivityView.ConnectivityCheck;
import io.policyledger.protocol.ConnectivityView.SideVerdict;
import io.policyledger.protocol.EffectiveRulesView.NetworkPolicyName;
import io.policyledger.protocol.NumberOrName;
import io.policyledger.query.effective.EffectiveRulesReader;
import io.policyledger.query.effective.EffectiveRulesReader.AtRevision;
import io.policyledger.query.history.EffectiveRulesHistory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * "May {@code from} reach {@code to} on this port?", answered from the stored effective rules (the ones
 * agents enforce) in one snapshot. Either end is {@code namespace/pod}, {@code node:NAME} (traffic from
 * a node's host) or an address; an address that is a known pod's is that pod. A tenant names only its
 * own pods; another tenant's pod, reached by address, is shown by address, and its side of the verdict
 * without its policies.
 */
final class ConnectivityChecks {

    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
    private static final Set<String> FIELDS =
            Set.of("apiVersion", "kind", "metadata", "spec", "from", "to", "port", "protocol");

    private final EffectiveRulesReader reader;

    ConnectivityChecks(EffectiveRulesReader reader) {
        this.reader = reader;
    }

    /**
     * What a check is answered from: the rules now (the read model, in one snapshot) or at a past
     * revision (an engine replayed up to it); with the namespaces' tenants as they were then.
     */
    interface Rules {
        RuleView view();

        Optional<String> tenantOf(String namespace);

        <T> AtRevision<T> read(Supplier<T> answer);
    }

    /** The rules now. */
    Rules now() {
        return new Rules() {
            @Override
            public RuleView view() {
                return reader;
            }

            @Override
            public Optional<String> tenantOf(String namespace) {
                return reader.tenantOf(namespace);
            }

            @Override
            public <T> AtRevision<T> read(Supplier<T> answer) {
                return reader.inOneSnapshot(answer);
            }
        };
    }

    /** The rules of {@code engine}, the log replayed up to {@code revision}. */
    static Rules past(PolicyEngine engine, long revision) {
        return new Rules() {
            @Override
            public RuleView view() {
                return engine;
            }

            @Override
            public Optional<String> tenantOf(String namespace) {
                return EffectiveRulesHistory.tenantOf(engine, namespace);
            }

            @Override
            public <T> AtRevision<T> read(Supplier<T> answer) {
                return new AtRevision<>(answer.get(), revision);
            }
        };
    }

    ConnectivityCheck check(JsonNode request, Caller caller) {
        return check(request, caller, now());
    }

    /** The request's spec: {@code spec.{from,to,port,protocol}}, or the same four fields at the top. */
    ConnectivityCheck check(JsonNode request, Caller caller, Rules rules) {
        JsonNode spec = request.has("spec") ? request.get("spec") : request;
        for (var names = request.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest("unknown field \"" + field + "\"");
            }
        }
        String from = text(spec, "from");
        String to = text(spec, "to");
        String protocolName = spec.hasNonNull("protocol") ? text(spec, "protocol") : "TCP";
        if (!PROTOCOLS.contains(protocolName)) {
            throw invalid("spec.protocol", protocolName, "supported values: \"TCP\", \"UDP\", \"SCTP\"");
        }
        Protocol protocol = Protocol.of(protocolName);
        JsonNode portNode = spec.get("port");
        if (portNode == null || portNode.isNull()) {
            throw invalid("spec.port", "", "a port number or the name of a port of the destination is required");
        }
        AtRevision<CheckStatus> answer = rules.read(() -> {
            Side source = side("spec.from", from, caller, rules);
            Side destination = side("spec.to", to, caller, rules);
            int port = port(portNode, destination, protocol);
            Verdict verdict = new ConnectivityEvaluator(rules.view())
                    .check(source.endpoint(), destination.endpoint(), protocol, port);
            List<Side> sides = List.of(source, destination);
            String reason = verdict.allowed()
                    ? source.shown() + " may reach " + destination.shown() + " on " + protocol + " " + port
                    : redact(
                            !verdict.egress().allowed()
                                    ? verdict.egress().reason()
                                    : verdict.ingress().reason(),
                            sides,
                            !verdict.egress().allowed() ? source : destination);
            return new CheckStatus(
                    verdict.allowed(),
                    direction(verdict.egress(), source, sides),
                    direction(verdict.ingress(), destination, sides),
                    reason,
                    port);
        });
        NumberOrName askedPort =
                portNode.isInt() ? NumberOrName.of(portNode.intValue()) : NumberOrName.of(portNode.textValue());
        return ConnectivityCheck.of(
                answer.revision(), new CheckSpec(from, to, protocolName, askedPort), answer.value());
    }

    /**
     * One end: how the evaluator sees it, how the caller is shown it, whether its rules may be shown, and
     * the pod (if it is one) as the rules know it.
     */
    private record Side(Endpoint endpoint, String shown, boolean foreign, EnginePod pod, String address) {}

    private Side side(String field, String text, Caller caller, Rules rules) {
        if (text.startsWith("node:")) {
            String node = text.substring("node:".length());
            List<String> problems = NameValidation.dns1123Subdomain(node);
            if (!problems.isEmpty()) {
                throw invalid(field, text, problems.get(0));
            }
            return new Side(new Endpoint.Node(node), text, false, null, null);
        }
        int slash = text.indexOf('/');
        if (slash > 0 && IpAddress.parse(text).isEmpty()) {
            PodRef ref = new PodRef(text.substring(0, slash), text.substring(slash + 1));
            Optional<String> tenant = rules.tenantOf(ref.namespace());
            EnginePod pod = tenant.isPresent() && caller.ownsTenant(tenant.get())
                    ? rules.view().pod(ref)
                    : null;
            if (pod == null) {
                throw ApiException.notFound(
                        "pods \"" + ref.name() + "\" not found in namespace \"" + ref.namespace() + "\"");
            }
            return new Side(new Endpoint.Pod(ref), ref.toString(), false, pod, null);
        }
        IpAddress ip = IpAddress.parse(text)
                .orElseThrow(() -> invalid(field, text, "must be namespace/pod, node:NAME or an IP address"));
        Optional<EnginePod> pod = rules.view().podWithAddress(ip);
        if (pod.isEmpty()) {
            return new Side(new Endpoint.Address(ip), ip.toString(), false, null, ip.toString());
        }
        PodRef ref = pod.get().ref();
        boolean foreign = !caller.ownsTenant(rules.tenantOf(ref.namespace()).orElse(null));
        return new Side(
                new Endpoint.Pod(ref),
                foreign ? ip.toString() : ref + " (" + ip + ")",
                foreign,
                pod.get(),
                ip.toString());
    }

    private int port(JsonNode port, Side destination, Protocol protocol) {
        if (port.isInt()) {
            int number = port.intValue();
            if (number < 1 || number > 65535) {
                throw invalid("spec.port", number, "must be between 1 and 65535, inclusive");
            }
            return number;
        }
        if (!port.isTextual()) {
            throw invalid("spec.port", port.toString(), "a port number or the name of a port of the destination");
        }
        NamedPort named = destination.pod() == null
                ? null
                : destination.pod().namedPorts().get(port.textValue());
        if (named == null || named.protocol() != protocol) {
            throw invalid("spec.port", port.textValue(), "the destination has no " + protocol + " port of this name");
        }
        return named.port();
    }

    private static SideVerdict direction(Verdict.DirectionVerdict verdict, Side side, List<Side> sides) {
        if (side.foreign()) {
            return SideVerdict.withheld(
                    verdict.allowed(),
                    "the " + (side == sides.get(0) ? "source" : "destination")
                            + " belongs to another tenant; its rules are not shown");
        }
        boolean isolated = verdict.isolation().isolated();
        return new SideVerdict(
                verdict.allowed(),
                verdict.applies(),
                isolated,
                isolated ? verdict.isolation().byNamespace() : null,
                isolated ? policies(verdict.isolation().byPolicies()) : null,
                policies(verdict.allowedBy()),
                verdict.chain().stream().map(Object::toString).toList(),
                verdict.lints(),
                redact(verdict.reason(), sides, side));
    }

    private static List<NetworkPolicyName> policies(List<PolicyRef> refs) {
        return refs.stream().map(EffectiveRulesPresenter::policy).toList();
    }

    /** The evaluator names pods; another tenant's is shown by the address the caller gave instead. */
    private static String redact(String reason, List<Side> sides, Side speaking) {
        if (speaking.foreign()) {
            return "the " + (speaking == sides.get(0) ? "source" : "destination")
                    + " belongs to another tenant and does not allow it";
        }
        String out = reason;
        for (Side side : sides) {
            if (side.foreign()) {
                out = out.replace("pod " + side.pod().ref(), side.address());
            }
        }
        return out;
    }

    private static ApiException invalid(String field, Object value, String detail) {
        return ApiException.invalidField("ConnectivityCheck", field, value, detail);
    }

    private static String text(JsonNode spec, String field) {
        JsonNode value = spec.get(field);
        if (value == null
                || value.isNull()
                || !value.isTextual()
                || value.textValue().isEmpty()) {
            throw invalid(
                    "spec." + field,
                    value == null ? "" : value.toString(),
                    "required: namespace/pod, node:NAME or an IP address");
        }
        return value.textValue();
    }
}
