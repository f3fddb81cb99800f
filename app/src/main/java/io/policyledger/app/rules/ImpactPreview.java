package io.policyledger.app.rules;

import io.policyledger.core.access.Caller;
import io.policyledger.core.engine.EngineDelta;
import io.policyledger.core.engine.EngineNamespace;
import io.policyledger.core.engine.EnginePod;
import io.policyledger.core.engine.ImpactAnalysis;
import io.policyledger.core.engine.PodRef;
import io.policyledger.core.engine.PolicyEngine;
import io.policyledger.core.namespace.NamespaceLabels;
import io.policyledger.protocol.ConnectivityView.Impact;
import io.policyledger.protocol.ConnectivityView.ImpactChange;
import io.policyledger.query.effective.EffectiveInputs;
import io.policyledger.query.effective.EffectiveRulesReader;
import io.policyledger.query.effective.EffectiveRulesReader.AtRevision;
import io.policyledger.query.effective.EngineInput;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What a write would change in who may reach whom, computed on a copy of the engine as of the current
 * revision: the engine is loaded from the effective-rules inputs, copied, the write's events applied to
 * the copy, and the two compared ({@link ImpactAnalysis}). Pods of other tenants are shown by address.
 */
@Component
public class ImpactPreview {

    /** Verdict evaluations one preview may spend; beyond, the list is cut and says so. */
    static final int MAX_EVALUATIONS = 200_000;

    private final EffectiveInputs inputs;
    private final EffectiveRulesReader reader;
    private final EffectiveRulesRevision revision;

    ImpactPreview(EffectiveInputs inputs, EffectiveRulesReader reader, EffectiveRulesRevision revision) {
        this.inputs = inputs;
        this.reader = reader;
        this.revision = revision;
    }

    public Impact impactOf(List<Object> events, Caller caller) {
        revision.awaitLogHead();
        AtRevision<PolicyEngine> before = reader.inOneSnapshot(inputs::load);
        PolicyEngine after = before.value().copy();
        List<PodRef> subjects = new ArrayList<>();
        for (Object event : events) {
            EngineInput.of(event).ifPresent(input -> {
                input.applyTo(after);
                input.pod().ifPresent(subjects::add);
            });
        }
        List<EngineDelta> deltas = after.flush();
        ImpactAnalysis.Impact impact = ImpactAnalysis.between(before.value(), after, deltas, subjects, MAX_EVALUATIONS);

        List<ImpactChange> changes = impact.changes().stream()
                .map(change -> new ImpactChange(
                        shown(change.from(), before.value(), after, caller),
                        shown(change.to(), before.value(), after, caller),
                        change.protocol().name(),
                        change.port(),
                        change.endPort() != change.port() ? change.endPort() : null,
                        change.allowedBefore() ? "allowed" : "denied",
                        change.allowedAfter() ? "allowed" : "denied"))
                .toList();
        return new Impact(Long.toString(before.revision()), impact.truncated(), changes);
    }

    /** A pod of the caller's tenant by name; another tenant's by its first address. */
    private static String shown(PodRef pod, PolicyEngine before, PolicyEngine after, Caller caller) {
        EngineNamespace namespace = after.namespace(pod.namespace()) != null
                ? after.namespace(pod.namespace())
                : before.namespace(pod.namespace());
        String tenant = namespace == null ? null : namespace.labels().get(NamespaceLabels.TENANT);
        if (caller.ownsTenant(tenant)) {
            return pod.toString();
        }
        EnginePod known = after.pod(pod) != null ? after.pod(pod) : before.pod(pod);
        return known == null || known.ips().isEmpty()
                ? "a pod of another tenant"
                : known.ips().get(0).toString();
    }
}
