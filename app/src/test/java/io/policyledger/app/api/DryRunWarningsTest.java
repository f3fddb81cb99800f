package io.policyledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.protocol.ConnectivityView.Impact;
import io.policyledger.protocol.ConnectivityView.ImpactChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What kubectl prints of a dry run's impact: its Warning headers, one line each. */
class DryRunWarningsTest {

    @Test
    void countsEachWayThenListsTheFirstTenChangesWithTheirPortRanges() {
        List<ImpactChange> changes = new ArrayList<>();
        changes.add(new ImpactChange("shop/web", "shop/db", "TCP", 5432, null, "denied", "allowed"));
        for (int i = 0; i < 11; i++) {
            changes.add(new ImpactChange("10.0.0." + i, "shop/db", "UDP", 53, 60, "allowed", "denied"));
        }
        assertThat(DryRunAnswers.warnings(new Impact("7", true, changes)))
                .hasSize(12)
                .startsWith(
                        "dry run: 1 connection(s) would become allowed, 11 denied (the list is cut short)",
                        "shop/web -> shop/db TCP/5432: denied -> allowed",
                        "10.0.0.0 -> shop/db UDP/53-60: allowed -> denied")
                .endsWith("... and 2 more");
    }

    @Test
    void anImpactWithNoChangesSaysSo() {
        assertThat(DryRunAnswers.warnings(new Impact("7", false, List.of())))
                .containsExactly("dry run: 0 connection(s) would become allowed, 0 denied");
    }
}
