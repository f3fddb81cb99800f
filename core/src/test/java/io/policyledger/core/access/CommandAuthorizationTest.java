package io.policyledger.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectForbiddenException;
import io.policyledger.core.object.ObjectKey;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who may write what, for every role and every kind: the table below is the whole answer, so a role or
 * kind added later fails here until someone writes down what it may change.
 */
class CommandAuthorizationTest {

    private static final Set<Kind> TENANT_KINDS =
            EnumSet.of(Kind.NAMESPACE, Kind.POD, Kind.NETWORK_POLICY, Kind.ALPHA_NETWORK_POLICY);

    private static final Map<Role, Set<Kind>> MAY_WRITE = new EnumMap<>(Map.of(
            Role.PLATFORM_ADMIN, EnumSet.allOf(Kind.class),
            Role.SYSTEM, EnumSet.allOf(Kind.class),
            Role.TENANT_ADMIN, TENANT_KINDS,
            Role.TENANT_VIEWER, EnumSet.noneOf(Kind.class),
            Role.AGENT, EnumSet.of(Kind.POD),
            Role.METRICS, EnumSet.noneOf(Kind.class)));

    @Test
    void everyRoleWritesExactlyTheKindsItsRowNames() {
        assertThat(MAY_WRITE.keySet()).as("every role has a row").containsExactlyInAnyOrder(Role.values());
        for (Role role : Role.values()) {
            Caller caller = new Caller("someone", role, "tenant-a", "node-1");
            for (Kind kind : Kind.values()) {
                boolean allowed = mayWrite(caller, keyOf(kind));
                assertThat(allowed)
                        .as(role + " writing " + kind)
                        .isEqualTo(MAY_WRITE.get(role).contains(kind));
            }
        }
    }

    @Test
    void tenantKindsAreExactlyThoseTenantsOwn() {
        for (Kind kind : Kind.values()) {
            assertThat(CommandAuthorization.ownedByTenants(kind))
                    .as(kind.toString())
                    .isEqualTo(TENANT_KINDS.contains(kind));
        }
    }

    private static boolean mayWrite(Caller caller, ObjectKey key) {
        try {
            CommandAuthorization.requireMayWrite(caller, key);
            return true;
        } catch (ObjectForbiddenException refused) {
            return false;
        }
    }

    private static ObjectKey keyOf(Kind kind) {
        return kind.namespaced() ? new ObjectKey(kind, "ns", "x") : new ObjectKey(kind, null, "x");
    }
}
