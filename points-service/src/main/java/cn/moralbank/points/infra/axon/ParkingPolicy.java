package cn.moralbank.points.infra.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which failed events Axon's dead-letter invoker parks. Only an event that failed on its own: in an isolated batch
 * (its handler in a savepoint, its writes at once, {@link PoisonIsolation}) and for a reason that is not transient.
 * A transient failure, or a failure in a normal batch (whose gathered writes may hold part of the failed event), fails
 * the whole batch instead: the policy throws, the invoker lets the exception through, the batch rolls back and is
 * handled again, isolated if the failure was not transient ({@link IsolatingErrorHandler}).
 * A letter that fails again while being retried stays parked, with the new cause.
 */
final class ParkingPolicy implements EnqueuePolicy<EventMessage<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(ParkingPolicy.class);

    private final String processingGroup;
    private final String processor;
    private final PoisonIsolation isolation;

    ParkingPolicy(String processingGroup, String processor, PoisonIsolation isolation) {
        this.processingGroup = processingGroup;
        this.processor = processor;
        this.isolation = isolation;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (PoisonIsolation.retryingLetter()) {
            LOG.warn("Projection {}: retrying dead letter (event {}) failed again, it stays parked: {}",
                    processingGroup, letter.message().getIdentifier(), Failures.cause(cause).message());
            return Decisions.requeue(Failures.cause(cause));
        }
        if (Failures.isTransient(cause)) {
            throw new BatchFailed("transient failure, the batch is retried", cause);
        }
        if (!isolation.batchIsolated(processor)) {
            throw new BatchFailed("an event failed in a gathered batch; handled again event by event", cause);
        }
        String aggregate = letter.message() instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() : "-";
        LOG.warn("Projection {}: event {} ({} of {}) parked as a dead letter: {}", processingGroup,
                letter.message().getIdentifier(), letter.message().getPayloadType().getSimpleName(), aggregate,
                Failures.cause(cause).message());
        return Decisions.enqueue(Failures.cause(cause));
    }

    /** Fails a projection's batch instead of parking an event. */
    static final class BatchFailed extends RuntimeException {
        BatchFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
