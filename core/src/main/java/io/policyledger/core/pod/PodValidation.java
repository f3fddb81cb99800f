package io.policyledger.core.pod;

import io.policyledger.core.net.IpAddress;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectMetaValidation;
import io.policyledger.core.validation.Limits;
import io.policyledger.core.validation.NameValidation;
import io.policyledger.core.validation.Violations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validation and defaulting of pods, following the Kubernetes API for the fields the ledger keeps. */
final class PodValidation {

    static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");

    private PodValidation() {}

    static void validate(
            ObjectKey key,
            Map<String, String> labels,
            Map<String, String> annotations,
            PodSpec spec,
            PodStatus status) {
        Violations v = new Violations();
        ObjectMetaValidation.validate(v, key, labels, annotations);
        spec(v, spec);
        status(v, status == null ? PodStatus.NONE : status);
        v.throwIfAny(Kind.POD, key.name());
    }

    static void validateStatus(ObjectKey key, PodStatus status) {
        Violations v = new Violations();
        status(v, status == null ? PodStatus.NONE : status);
        v.throwIfAny(Kind.POD, key.name());
    }

    private static void spec(Violations v, PodSpec spec) {
        if (spec == null) {
            v.required("spec", "");
            return;
        }
        if (spec.nodeName() != null && !spec.nodeName().isEmpty()) {
            for (String problem : NameValidation.dns1123Subdomain(spec.nodeName())) {
                v.invalid("spec.nodeName", spec.nodeName(), problem);
            }
        }
        List<Container> containers = spec.containers() == null ? List.of() : spec.containers();
        if (containers.isEmpty()) {
            v.required("spec.containers", "");
        }
        if (!Limits.within(v, "spec.containers", containers.size(), Limits.CONTAINERS)) {
            return;
        }
        Set<String> containerNames = new HashSet<>();
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            String at = "spec.containers[" + i + "]";
            Container c = containers.get(i);
            if (c == null) {
                v.required(at, "");
                continue;
            }
            if (c.name() == null || c.name().isEmpty()) {
                v.required(at + ".name", "");
            } else {
                NameValidation.dns1123Label(c.name()).forEach(p -> v.invalid(at + ".name", c.name(), p));
                if (!containerNames.add(c.name())) {
                    v.duplicate(at + ".name", c.name());
                }
            }
            List<ContainerPort> ports = c.ports() == null ? List.of() : c.ports();
            if (!Limits.within(v, at + ".ports", ports.size(), Limits.CONTAINER_PORTS)) {
                continue;
            }
            for (int k = 0; k < ports.size(); k++) {
                port(v, at + ".ports[" + k + "]", ports.get(k), portNames);
            }
        }
    }

    private static void port(Violations v, String at, ContainerPort p, Set<String> portNames) {
        if (p == null) {
            v.required(at, "");
            return;
        }
        if (p.name() != null && !p.name().isEmpty()) {
            NameValidation.ianaSvcName(p.name()).forEach(problem -> v.invalid(at + ".name", p.name(), problem));
            if (!portNames.add(p.name())) {
                v.duplicate(at + ".name", p.name());
            }
        }
        if (p.containerPort() == null) {
            v.required(at + ".containerPort", "");
        } else if (p.containerPort() < 1 || p.containerPort() > 65535) {
            v.invalid(at + ".containerPort", p.containerPort(), "must be between 1 and 65535, inclusive");
        }
        if (p.protocol() != null && !PROTOCOLS.contains(p.protocol())) {
            v.notSupported(at + ".protocol", p.protocol(), PROTOCOLS);
        }
    }

    private static void status(Violations v, PodStatus status) {
        List<PodIP> ips = status.podIPs() == null ? List.of() : status.podIPs();
        if (status.podIP() != null
                && !status.podIP().isEmpty()
                && IpAddress.parse(status.podIP()).isEmpty()) {
            v.invalid("status.podIP", status.podIP(), "must be a valid IP address");
        }
        if (ips.size() > 2) {
            v.tooMany("status.podIPs", ips.size(), 2);
            return;
        }
        Set<String> seen = new HashSet<>();
        int v4 = 0;
        for (int i = 0; i < ips.size(); i++) {
            PodIP ip = ips.get(i);
            String at = "status.podIPs[" + i + "].ip";
            if (ip == null || ip.ip() == null || ip.ip().isEmpty()) {
                v.required(at, "");
                continue;
            }
            var parsed = IpAddress.parse(ip.ip());
            if (parsed.isEmpty()) {
                v.invalid(at, ip.ip(), "must be a valid IP address");
                continue;
            }
            if (!seen.add(parsed.get().toString())) {
                v.duplicate(at, ip.ip());
            }
            v4 += parsed.get().isV4() ? 1 : 0;
        }
        if (ips.size() == 2 && v4 != 1) {
            v.invalid("status.podIPs", ips.size(), "may specify no more than one IP for each IP family");
        }
        if (!ips.isEmpty()
                && status.podIP() != null
                && !status.podIP().isEmpty()
                && ips.get(0) != null
                && !canonical(status.podIP()).equals(canonical(ips.get(0).ip()))) {
            v.invalid("status.podIPs[0].ip", ips.get(0).ip(), "must match status.podIP");
        }
    }

    /** Kubernetes defaulting: ports are TCP unless stated; podIP and podIPs[0] agree; addresses canonical. */
    static PodSpec withDefaults(PodSpec spec) {
        List<Container> containers = new ArrayList<>();
        for (Container c : spec.containers()) {
            List<ContainerPort> ports = null;
            if (c.ports() != null) {
                ports = new ArrayList<>();
                for (ContainerPort p : c.ports()) {
                    String name = p.name() == null || p.name().isEmpty() ? null : p.name();
                    ports.add(new ContainerPort(name, p.containerPort(), p.protocol() == null ? "TCP" : p.protocol()));
                }
            }
            containers.add(new Container(c.name(), c.image(), ports));
        }
        String node = spec.nodeName() == null || spec.nodeName().isEmpty() ? null : spec.nodeName();
        return new PodSpec(node, containers);
    }

    static PodStatus withDefaults(PodStatus status) {
        if (status == null) {
            return PodStatus.NONE;
        }
        List<PodIP> ips = new ArrayList<>();
        if (status.podIPs() != null) {
            status.podIPs().forEach(ip -> ips.add(new PodIP(canonical(ip.ip()))));
        }
        String primary = status.podIP() == null || status.podIP().isEmpty() ? null : canonical(status.podIP());
        if (ips.isEmpty() && primary != null) {
            ips.add(new PodIP(primary));
        }
        if (primary == null && !ips.isEmpty()) {
            primary = ips.get(0).ip();
        }
        return new PodStatus(primary, ips.isEmpty() ? null : ips);
    }

    private static String canonical(String ip) {
        return IpAddress.parse(ip).map(IpAddress::toString).orElse(ip);
    }
}
