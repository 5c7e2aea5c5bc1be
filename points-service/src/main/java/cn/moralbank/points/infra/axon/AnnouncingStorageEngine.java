package cn.moralbank.points.infra.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The event storage engine as the embedded event store's reader sees it: after a read of the store that found
 * events has been consumed to its end (by then the reader has put every event of it in its cache), it says so to
 * {@code onEventsRead}, which tells the processors' streams ({@link WakeableEventStore}). Everything else is the
 * engine's own.
 */
final class AnnouncingStorageEngine implements EventStorageEngine {
    private final EventStorageEngine engine;
    private final Runnable onEventsRead;

    AnnouncingStorageEngine(EventStorageEngine engine, Runnable onEventsRead) {
        this.engine = engine;
        this.onEventsRead = onEventsRead;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        AtomicBoolean found = new AtomicBoolean();
        Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(trackingToken, mayBlock)
                .peek(event -> found.set(true));
        // one more element, never passed on, made only once every event before it was consumed
        Stream<TrackedEventMessage<?>> end = IntStream.range(0, 1).<TrackedEventMessage<?>>mapToObj(i -> {
            if (found.get()) {
                onEventsRead.run();
            }
            return null;
        }).filter(Objects::nonNull);
        return Stream.concat(events, end);
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        engine.appendEvents(events);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        engine.storeSnapshot(snapshot);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return engine.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return engine.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return engine.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return engine.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return engine.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return engine.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return engine.createTokenAt(dateTime);
    }

}
