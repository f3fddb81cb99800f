package io.policyledger.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

/** Which stored event a step of the token stands for: the catch-up to a live token depends on it. */
class OwnIndexTest {

    private static GapAwareTrackingToken token(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, new TreeSet<>(List.of(gaps)));
    }

    @Test
    void theFirstEventIsTheTokensIndex() {
        assertThat(Replay.ownIndex(null, token(7, 3L, 5L))).isEqualTo(7);
    }

    @Test
    void aNewHeadIsItsIndex() {
        assertThat(Replay.ownIndex(token(7, 5L), token(9, 5L, 8L))).isEqualTo(9);
    }

    @Test
    void aLateEventIsTheGapItFills() {
        assertThat(Replay.ownIndex(token(9, 5L, 8L), token(9, 5L))).isEqualTo(8);
        assertThat(Set.of(Replay.ownIndex(token(9, 5L, 8L), token(9, 8L)))).containsExactly(5L);
    }
}
