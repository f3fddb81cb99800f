package io.policyledger.core.networkpolicy.alpha;

import io.policyledger.core.networkpolicy.IntOrString;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import io.policyledger.core.selector.LabelSelectorValidation;
import io.policyledger.core.validation.Limits;
import io.policyledger.core.validation.NameValidation;
import io.policyledger.core.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validation and defaulting of the 2016 format: label maps as labels are validated, each peer names
 * pods or namespaces (not both, not neither), ports are numbers or IANA names, protocols TCP or UDP
 * (the two the format knew), TCP when omitted.
 */
final class AlphaNetworkPolicyValidation {

    static final List<String> PROTOCOLS = List.of("TCP", "UDP");

    private AlphaNetworkPolicyValidation() {}

    static ObjectKey keyOf(String namespace, String name) {
        return ObjectKey.alphaNetworkPolicy(namespace == null ? "" : namespace, name == null ? "" : name);
    }

    static void validate(
            ObjectKey key, Map<String, String> labels, Map<String, String> annotations, AlphaNetworkPolicySpec spec) {
        Violations v = new Violations();
        ObjectMetaValidation.validate(v, key, labels, annotations);
        if (spec == null) {
            v.required("spec", "");
        } else {
            labelMap(v, "spec.podSelector", spec.podSelector());
            if (spec.allowIncoming() != null) {
                allowIncoming(v, "spec.allowIncoming", spec.allowIncoming());
            }
        }
        v.throwIfAny(Kind.ALPHA_NETWORK_POLICY, key.name());
    }

    private static void allowIncoming(Violations v, String at, AllowIncoming allow) {
        List<AlphaPeer> from = allow.from() == null ? List.of() : allow.from();
        if (Limits.within(v, at + ".from", from.size(), Limits.PEERS)) {
            for (int i = 0; i < from.size(); i++) {
                AlphaPeer peer = from.get(i);
                String field = at + ".from[" + i + "]";
                if (peer == null || (peer.pods() == null) == (peer.namespaces() == null)) {
                    v.invalid(field, "", "must name exactly one of pods or namespaces");
                    continue;
                }
                labelMap(
                        v,
                        field + (peer.pods() != null ? ".pods" : ".namespaces"),
                        peer.pods() != null ? peer.pods() : peer.namespaces());
            }
        }
        List<AlphaPort> ports = allow.toPorts() == null ? List.of() : allow.toPorts();
        if (Limits.within(v, at + ".toPorts", ports.size(), Limits.PORTS)) {
            for (int i = 0; i < ports.size(); i++) {
                port(v, at + ".toPorts[" + i + "]", ports.get(i));
            }
        }
    }

    private static void port(Violations v, String at, AlphaPort port) {
        if (port == null) {
            v.required(at, "");
            return;
        }
        if (port.protocol() != null && !PROTOCOLS.contains(port.protocol())) {
            v.notSupported(at + ".protocol", port.protocol(), PROTOCOLS);
        }
        IntOrString p = port.port();
        if (p == null) {
            return;
        }
        if (p.isNumber()) {
            if (p.intValue() < 1 || p.intValue() > 65535) {
                v.invalid(at + ".port", p.intValue(), "must be between 1 and 65535, inclusive");
            }
        } else {
            NameValidation.ianaSvcName(p.stringValue())
                    .forEach(problem -> v.invalid(at + ".port", p.stringValue(), problem));
        }
    }

    private static void labelMap(Violations v, String field, Map<String, String> labels) {
        if (labels != null && Limits.within(v, field, labels.size(), Limits.LABELS)) {
            LabelSelectorValidation.labels(v, field, labels);
        }
    }

    /** Ports are TCP unless stated, as in the seed. */
    static AlphaNetworkPolicySpec withDefaults(AlphaNetworkPolicySpec spec) {
        AllowIncoming allow = spec.allowIncoming();
        if (allow == null || allow.toPorts() == null) {
            return spec;
        }
        List<AlphaPort> ports = new ArrayList<>();
        for (AlphaPort p : allow.toPorts()) {
            ports.add(new AlphaPort(p.port(), p.protocol() == null ? "TCP" : p.protocol()));
        }
        return new AlphaNetworkPolicySpec(spec.podSelector(), new AllowIncoming(allow.from(), ports));
    }
}
