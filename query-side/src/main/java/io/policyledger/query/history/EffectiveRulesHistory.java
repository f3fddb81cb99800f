package io.policyledger.query.history;

import io.policyledger.core.engine.EngineNamespace;
import io.policyledger.core.engine.EnginePod;
import io.policyledger.core.engine.PeerSet;
import io.policyledger.core.engine.PodRef;
import io.policyledger.core.engine.PodRuleSet;
import io.policyledger.core.engine.PolicyEngine;
import io.policyledger.core.namespace.NamespaceLabels;
import io.policyledger.query.effective.EffectiveRulesReader.Member;
import io.policyledger.query.effective.EffectiveRulesReader.PodRules;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The effective rules as they were at a past revision: the engine of {@link LogHistory#at}, built from
 * the inputs the log held then, read as the present rules are read.
 */
@Component
public class EffectiveRulesHistory {

    private final LogHistory history;
    private final JdbcTemplate jdbc;

    EffectiveRulesHistory(LogHistory history, JdbcTemplate jdbc) {
        this.history = history;
        this.jdbc = jdbc;
    }

    /** The engine holding everything stored up to and including {@code revision}; callers only read it. */
    public PolicyEngine engineAt(long revision) {
        return history.at(revision).engine();
    }

    /** The newest revision stored at or before {@code time} (0: none), by the time each request was accepted. */
    public long revisionAt(Instant time) {
        Long revision = jdbc.queryForObject(
                "SELECT coalesce(max(revision), 0) FROM audit_event WHERE time <= ?", Long.class, Timestamp.from(time));
        return revision == null ? 0 : revision;
    }

    /** The revision at which the namespace of this name was last created (0: never). */
    public long createdAt(String namespace) {
        Long revision = jdbc.queryForObject(
                "SELECT coalesce(max(revision), 0) FROM audit_event WHERE kind = 'NAMESPACE' "
                        + "AND name = ? AND type = 'NamespaceCreated'",
                Long.class,
                namespace);
        return revision == null ? 0 : revision;
    }

    /** A namespace's pods' rules in {@code engine}, as the reader answers them for the present. */
    public List<PodRules> ofNamespace(PolicyEngine engine, String namespace, long revision) {
        return engine.pods().stream()
                .filter(p -> p.ref().namespace().equals(namespace))
                .sorted(Comparator.comparing(p -> p.ref().name()))
                .map(p -> rules(engine, p.ref(), revision))
                .flatMap(Optional::stream)
                .toList();
    }

    public Optional<PodRules> ofPod(PolicyEngine engine, PodRef pod, long revision) {
        return rules(engine, pod, revision);
    }

    private Optional<PodRules> rules(PolicyEngine engine, PodRef ref, long revision) {
        EnginePod pod = engine.pod(ref);
        PodRuleSet rules = engine.ruleSet(ref);
        if (pod == null || rules == null) {
            return Optional.empty();
        }
        Map<String, List<Member>> peerSets = new LinkedHashMap<>();
        for (String id : rules.peerSetIds()) {
            PeerSet set = engine.peerSet(id);
            peerSets.put(
                    id,
                    set == null
                            ? List.of()
                            : set.members().stream()
                                    .map(m -> new Member(
                                            m.ref(),
                                            tenantOf(engine, m.ref().namespace())
                                                    .orElse(null),
                                            addresses(m)))
                                    .toList());
        }
        return Optional.of(new PodRules(ref, pod.node(), addresses(pod), revision, rules, peerSets));
    }

    /** The tenant a namespace belonged to in {@code engine} (empty: no such namespace then). */
    public static Optional<String> tenantOf(PolicyEngine engine, String namespace) {
        EngineNamespace ns = engine.namespace(namespace);
        return ns == null ? Optional.empty() : Optional.ofNullable(ns.labels().get(NamespaceLabels.TENANT));
    }

    private static List<String> addresses(EnginePod pod) {
        return pod.ips().stream().map(Object::toString).toList();
    }
}
