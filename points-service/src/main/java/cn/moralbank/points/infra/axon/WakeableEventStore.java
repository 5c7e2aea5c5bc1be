package cn.moralbank.points.infra.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Axon's embedded event store, with its reader woken when events are committed on this node ({@link #afterCommit})
 * or, through {@link EventWakeUps}, on another; and with streams that tell the processors when new events are in
 * the reader's cache ({@link #eventsRead}, from {@link AnnouncingStorageEngine}). Axon's own streams have no such
 * callback, so a pooled processor's coordinator with nothing to do looked again only after Axon's fixed 500 ms: that,
 * not the database, was most of the projection lag after commit (docs/performance.md, "Projection lag after commit
 * at 50 kiosks"). With the callback a coordinator is scheduled as soon as the events are there.
 */
final class WakeableEventStore extends EmbeddedEventStore {
    private volatile Runnable onLocalCommit = () -> {
    };
    private final Set<Runnable> waiting = ConcurrentHashMap.newKeySet();

    WakeableEventStore(Builder builder) {
        super(builder);
    }

    void onLocalCommit(Runnable listener) {
        this.onLocalCommit = listener;
    }

    /** Makes the reader look for new events now, if it is waiting. */
    void wake() {
        super.afterCommit(List.of());
    }

    /** Called when a read of the store put new events in the reader's cache: every stream's callback runs. */
    void eventsRead() {
        waiting.forEach(Runnable::run);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        onLocalCommit.run();
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new AnnouncedStream(super.openStream(trackingToken));
    }

    /** Axon's stream, with the availability callback that {@link #eventsRead} runs. */
    private final class AnnouncedStream implements TrackingEventStream {
        private final TrackingEventStream stream;
        private Runnable callback;

        AnnouncedStream(TrackingEventStream stream) {
            this.stream = stream;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            if (this.callback != null) {
                waiting.remove(this.callback);
            }
            this.callback = callback;
            waiting.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            if (callback != null) {
                waiting.remove(callback);
            }
            stream.close();
        }
    }
}
