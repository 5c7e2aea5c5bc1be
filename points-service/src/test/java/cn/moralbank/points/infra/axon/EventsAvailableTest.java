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
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
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
            AtomicInteger calls = new AtomicInteger();
            List<Boolean> readableWhenCalled = new ArrayList<>();
            assertTrue(stream.setOnAvailableCallback(() -> {
                calls.incrementAndGet();
                synchronized (readableWhenCalled) {
                    readableWhenCalled.add(stream.peek().isPresent());
                }
            }), "the stream takes an availability callback");

            ledger.credit(ADMIN, new CreditCommand(household, new EntryId("available-1"), 3, "deed", "助人为乐"));
            Eventually.until("the callback", () -> calls.get() > 0);
            synchronized (readableWhenCalled) {
                assertTrue(readableWhenCalled.get(0), "the credit was readable when the callback ran");
            }
            TrackedEventMessage<?> next = stream.nextAvailable();
            assertEquals(household.value(), ((org.axonframework.eventhandling.DomainEventMessage<?>) next)
                    .getAggregateIdentifier());
        }
    }

    private static void drain(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        while (stream.hasNextAvailable()) {
            stream.nextAvailable();
        }
    }
}
