package cn.moralbank.points.infra.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Axon's embedded event store, with its reader woken when events are committed on this node ({@link #afterCommit})
 * or, through {@link EventWakeUps}, on another: processors read new events within milliseconds instead of at the
 * next poll.
 */
final class WakeableEventStore extends EmbeddedEventStore {
    private volatile Runnable onLocalCommit = () -> {
    };

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

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        onLocalCommit.run();
    }
}
