package io.policyledger.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A rebuild of the read models as the platform admin follows it ({@code …/audit/rebuilds[/{id}]}). */
public final class RebuildView {

    private RebuildView() {}

    /** One rebuild ({@code kind: ProjectionRebuild}); its name is its number. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProjectionRebuild(String apiVersion, String kind, Metadata metadata, Spec spec, Status status) {
        public static ProjectionRebuild of(Metadata metadata, Spec spec, Status status) {
            return new ProjectionRebuild(NodeView.API_VERSION, "ProjectionRebuild", metadata, spec, status);
        }
    }

    /** The newest rebuilds first ({@code kind: ProjectionRebuildList}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProjectionRebuildList(String apiVersion, String kind, List<ProjectionRebuild> items) {
        public static ProjectionRebuildList of(List<ProjectionRebuild> items) {
            return new ProjectionRebuildList(NodeView.API_VERSION, "ProjectionRebuildList", items);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metadata(String name, String creationTimestamp) {}

    /** @param verifyOnly compare the replayed tables with the live ones, and do not switch */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(boolean verifyOnly, String requestedBy) {}

    /**
     * @param etaSeconds         absent until a rate is known, and once finished
     * @param switchedAtRevision the revision the live tables were replaced at, if they were
     * @param differences        what the replay found different from the live tables, per table
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(
            String phase,
            long eventsDone,
            long eventsTotal,
            long eventsPerSecond,
            Long etaSeconds,
            String finishedAt,
            Long switchedAtRevision,
            Object differences,
            String message) {}
}
