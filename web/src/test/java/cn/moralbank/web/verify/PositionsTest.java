package cn.moralbank.web.verify;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How far a segment has surely got, from its token's JSON as Axon's Jackson serializer stores it. */
class PositionsTest {
    private static long bound(String json) {
        return Positions.lowerBound(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aGapAwareTokenHasHandledEverythingBelowItsLowestGap() {
        assertEquals(19331, bound("{\"index\":19331,\"gaps\":[]}"));
        assertEquals(99, bound("{\"index\":120,\"gaps\":[100,110]}"));
    }

    @Test
    void aReplayTokenCountsAsFarAsTheReplayGotAndAMergedTokenAsItsLowerHalf() {
        assertEquals(40, bound("{\"tokenAtReset\":{\"@class\":\"org.axonframework.eventhandling.GapAwareTrackingToken\","
                + "\"index\":500,\"gaps\":[]},\"currentToken\":{\"@class\":\"org.axonframework.eventhandling."
                + "GapAwareTrackingToken\",\"index\":40,\"gaps\":[]},\"resetContext\":null}"));
        assertEquals(-1, bound("{\"tokenAtReset\":{\"index\":500,\"gaps\":[]},\"currentToken\":null}"));
        assertEquals(7, bound("{\"lowerSegmentToken\":{\"index\":7,\"gaps\":[]},"
                + "\"upperSegmentToken\":{\"index\":9,\"gaps\":[]}}"));
    }

    @Test
    void noTokenYetIsBeforeTheFirstEvent() {
        assertEquals(-1, bound(null));
        assertEquals(-1, bound("not json"));
    }
}
