package io.policyledger.app.api.apply;

import java.util.List;

/** An apply would change fields another manager owns: answered 409 with each field and its manager. */
public class ApplyConflictException extends RuntimeException {

    /** A field the applier would change, and the manager that owns it. */
    public record Conflict(String manager, String field) {}

    private final List<Conflict> conflicts;

    ApplyConflictException(List<Conflict> conflicts, String apiVersion) {
        super("Apply failed with " + conflicts.size() + " conflict" + (conflicts.size() == 1 ? "" : "s") + ": "
                + String.join(
                        "\n",
                        conflicts.stream()
                                .map(c ->
                                        "conflict with \"" + c.manager() + "\" using " + apiVersion + ": " + c.field())
                                .toList()));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<Conflict> conflicts() {
        return conflicts;
    }
}
