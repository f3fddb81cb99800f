package io.policyledger.query.projection;

import io.policyledger.query.audit.AuditTrailProjection;
import io.policyledger.query.effective.EffectiveRulesProjection;
import io.policyledger.query.objects.CurrentObjectProjection;
import java.util.List;
import java.util.stream.Stream;

/** Every projection of the log, in the order a rebuild replays and compares them. */
public final class ReadModels {

    private ReadModels() {}

    public static final List<ReadModel> ALL = List.of(
            CurrentObjectProjection.READ_MODEL, EffectiveRulesProjection.READ_MODEL, AuditTrailProjection.READ_MODEL);

    /** Where every projection keeps its position: shared, last (it says how far the rows above reach). */
    public static final ReadModel.Table POSITIONS = new ReadModel.Table("projection_position", null, false);

    public static List<String> names() {
        return ALL.stream().map(ReadModel::name).toList();
    }

    /** Every projection's tables, parents before children, then the positions. */
    public static List<ReadModel.Table> tables() {
        return Stream.concat(ALL.stream().flatMap(m -> m.tables().stream()), Stream.of(POSITIONS))
                .toList();
    }
}
