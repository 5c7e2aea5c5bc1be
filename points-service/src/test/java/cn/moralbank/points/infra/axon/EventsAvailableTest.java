package cn.moralbank.points.infra.axon;

import cn.moralbank.points.access.Actor;
import cn.moralbank.points.access.Role;
import cn.moralbank.points.ledger.Ledger;
import cn.moralbank.points.ledger.api.CreditCommand;
import cn.moralbank.points.ledger.api.EntryId;
import cn.moralbank.points.ledger.api.HouseholdId;
import cn.moralbank.points.testing.DatabaseTest;
import cn.moralbank.points.testing.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The processors' streams say when new events are there (issue 13's projection lag): Axon's own streams of the
 * embedded store do not, and a pooled processor's coordinator with nothing to do then looks again only every
 * 500 ms. When the callback runs, the new events must already be readable from the stream, or the coordinator,
 * finding nothing, would wait for the next one.
 */
@MicronautTest(transactional = false)
class EventsAvailableTest extends DatabaseTest {
    private static final Actor ADMIN = new Actor("hedong.admin", Role.VILLAGE_ADMIN, "/130826/", null, null);

    @Inject Ledger ledger;
    @Inject Configuration axon;

    @Test
    void aProcessorsStreamIsCalledBackWhenNewEventsAreReadableFromIt() throws Exception {
        HouseholdId household = HouseholdId.newId();
        ledger.open(ADMIN, household, 10);
        EventStore store = axon.eventStore();
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(store.createHeadToken())) {
            drain(stream);
            // a callback may also come for another read (another consumer's, an earlier event's): harmless, the
            // coordinator looks and finds nothing. What must hold: once the credit is readable, a callback follows.
            // The stream is read on this thread only, as a coordinator reads its own; the callback only counts.
            AtomicInteger calls = new AtomicInteger();
            assertTrue(stream.setOnAvailableCallback(calls::incrementAndGet), "the stream takes a callback");

            ledger.credit(ADMIN, new CreditCommand(household, new EntryId("available-1"), 3, "deed", "助人为乐"));
            int[] seen = {0};
            Eventually.until("a callback after which the credit is readable", () -> {
                int now = calls.get();
                if (now == seen[0]) {
                    return false;
                }
                seen[0] = now;
                try {
                    return stream.hasNextAvailable(0, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            TrackedEventMessage<?> next = stream.nextAvailable();
            assertEquals(household.value(), ((DomainEventMessage<?>) next).getAggregateIdentifier());
        }
    }

    private static void drain(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        while (stream.hasNextAvailable()) {
            stream.nextAvailable();
        }
    }
}
