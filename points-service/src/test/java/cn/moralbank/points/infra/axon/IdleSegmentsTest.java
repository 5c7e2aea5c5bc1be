package cn.moralbank.points.infra.axon;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdleSegmentsTest {
    private final IdleSegments segments = new IdleSegments();

    @Test
    void aSegmentIdleAtTwoLooksIsReleasedAndStillIdleLaterItsProcessorIsRestartedOnce() {
        assertEquals(new IdleSegments.Verdict(Set.of(), Set.of()), segments.look(Set.of("ledger-passbook/1")));
        for (int look = IdleSegments.RELEASE_AT; look < IdleSegments.RESTART_AT; look++) {
            assertEquals(new IdleSegments.Verdict(Set.of("ledger-passbook/1"), Set.of()),
                    segments.look(Set.of("ledger-passbook/1")), "look " + look);
        }
        assertEquals(new IdleSegments.Verdict(Set.of(), Set.of("ledger-passbook")),
                segments.look(Set.of("ledger-passbook/1", "rankings/0")));
        // after the restart the count starts again; the other processor's segment goes on counting
        assertEquals(new IdleSegments.Verdict(Set.of("rankings/0"), Set.of()),
                segments.look(Set.of("ledger-passbook/1", "rankings/0")));
    }

    @Test
    void aSegmentClaimedBetweenTwoLooksStartsCountingAgain() {
        for (int look = 1; look < IdleSegments.RESTART_AT; look++) {
            segments.look(Set.of("deed-views/0"));
        }
        segments.look(Set.of());
        assertEquals(new IdleSegments.Verdict(Set.of(), Set.of()), segments.look(Set.of("deed-views/0")));
    }
}
