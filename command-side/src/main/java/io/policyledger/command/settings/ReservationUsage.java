package io.policyledger.command.settings;

import java.util.List;
import java.util.Set;

/**
 * Which existing objects a new platform rule would cover: a rule that comes into force over objects a
 * tenant already made would lend them a trust they never earned, so such a rule is refused.
 */
public interface ReservationUsage {

    /** Up to {@code limit} objects ("namespaces/x", "pods/x/a") carrying any of the label keys. */
    List<String> objectsCarrying(Set<String> keys, int limit);

    /** Up to {@code limit} namespaces ("namespaces/x") whose names match any of the reserved-name patterns. */
    List<String> namespacesMatching(Set<String> patterns, int limit);
}
