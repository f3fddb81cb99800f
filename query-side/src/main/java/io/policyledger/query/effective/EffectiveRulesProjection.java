package io.policyledger.query.effective;

import io.policyledger.core.engine.PodRef;
import io.policyledger.core.engine.PolicyEngine;
import io.policyledger.query.position.ProjectionPositions;
import io.policyledger.query.projection.ReadModel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps every pod's effective rules in PostgreSQL, computed by the incremental {@link PolicyEngine}.
 *
 * <pre>
 *   events of a batch --> engine inputs (+ effective_input rows)
 *   end of batch      --> engine.flush() --> deltas --> effective_rule_set / effective_peer_set[_member]
 *                                                      + projection_position, all in one transaction
 * </pre>
 * The engine lives in memory. It is (re)loaded from {@code effective_input} whenever the stored position
 * is not the one the engine reflects: on first use, after a rolled-back batch, and when another instance
 * ran the projection in between (the processor's claim moved). Every event advances the position, also
 * those that change nothing here, so "has the projection seen revision N" has an answer for every N.
 */
@Component
@ProcessingGroup(EffectiveRulesProjection.NAME)
public class EffectiveRulesProjection {

    public static final String NAME = "effective-rules";

    public static final ReadModel READ_MODEL = new ReadModel(
            NAME,
            List.of(
                    new ReadModel.Table("effective_input", "*", true),
                    new ReadModel.Table("effective_rule_set", "namespace, pod, node, rules", true),
                    new ReadModel.Table("effective_peer_set", "id, definition", true),
                    new ReadModel.Table("effective_peer_set_member", "*", true),
                    new ReadModel.Table("node_peer_set", "node, peer_set_id, refs", true),
                    new ReadModel.Table("node_presence", null, true),
                    // The live horizon stays, moved past the switch (the agents' streams relist once).
                    new ReadModel.Table("node_stream_horizon", null, false)),
            EffectiveRulesProjection::writingTo);

    private final EffectiveInputs inputs;
    private final EffectiveRuleStore store;
    private final ProjectionPositions positions;

    private PolicyEngine engine;
    /** The stored position the engine reflects, once its batch committed. */
    private long engineAt = -1;
    /** The read model's generation ({@code node_stream_horizon}) the engine was loaded at. */
    private int engineGeneration = -1;

    private UnitOfWork<?> batch;
    private long batchPosition;
    private final Set<PodRef> podsChanged = new HashSet<>();

    EffectiveRulesProjection(EffectiveInputs inputs, EffectiveRuleStore store, ProjectionPositions positions) {
        this.inputs = inputs;
        this.store = store;
        this.positions = positions;
    }

    /** A projection writing through {@code jdbc} alone: a rebuild's, into tables beside the live ones. */
    public static EffectiveRulesProjection writingTo(JdbcTemplate jdbc) {
        return new EffectiveRulesProjection(
                new EffectiveInputs(jdbc), new EffectiveRuleStore(jdbc), new ProjectionPositions(jdbc));
    }

    /**
     * Every event: what the engine takes from it is applied (and kept as the projection's input); any
     * other event (tenants, tokens, settings) changes no rule, but the position moves past it too.
     */
    @EventHandler
    void on(Object event, TrackingToken token) {
        PolicyEngine engine = engineFor(token);
        EngineInput.of(event).ifPresent(input -> {
            input.applyTo(engine);
            inputs.record(input);
            input.pod().ifPresent(podsChanged::add);
        });
    }

    @ResetHandler
    void reset() {
        inputs.deleteAll();
        store.deleteAll();
        positions.reset(NAME);
        engine = null;
        engineAt = -1;
    }

    /**
     * The engine, current as of the stored position, for the event at {@code token}; on the first event
     * of a batch, arranges for the batch's output to be written before it commits.
     */
    private PolicyEngine engineFor(TrackingToken token) {
        UnitOfWork<?> current = CurrentUnitOfWork.get().root();
        if (current != batch) {
            long stored = positions.current(NAME);
            if (stored == 0) {
                // Replaying from the start (a new installation, or a rebuild that dropped the position and
                // the processor's token without a reset): nothing stored before belongs to this replay.
                inputs.deleteAll();
                store.deleteAll();
                engine = null;
            }
            int generation = store.generation();
            if (engine == null || stored != engineAt || generation != engineGeneration) {
                // (A rebuild switched in beside this instance changes the generation, not the position.)
                engine = inputs.load();
            }
            engineAt = stored;
            engineGeneration = generation;
            batch = current;
            podsChanged.clear();
            current.onPrepareCommit(u -> writeBatch());
            current.afterCommit(u -> engineAt = batchPosition);
            current.onRollback(u -> {
                // The engine holds changes that were not stored: load it again next time.
                engine = null;
                batch = null;
            });
        }
        batchPosition = token.position()
                .orElseThrow(() -> new IllegalStateException("tracking token without a position: " + token));
        return engine;
    }

    private void writeBatch() {
        store.apply(engine.flush(), engine, podsChanged, batchPosition);
        store.batchEnded(batchPosition);
        positions.record(NAME, batchPosition);
    }
}
