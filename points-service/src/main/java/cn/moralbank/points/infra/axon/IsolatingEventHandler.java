package cn.moralbank.points.infra.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A projection's event handlers (Axon's annotation adapter), run in the way {@link PoisonIsolation} chooses: as they
 * are in a normal batch; each event alone in a savepoint in an isolated batch; each event with its writes at once when
 * Axon retries a dead letter (whose unit of work is already a savepoint, {@link SavepointTransactions}).
 */
final class IsolatingEventHandler implements EventMessageHandler {
    private final EventMessageHandler handlers;
    private final String processingGroup;
    private final String processor;
    private final PoisonIsolation isolation;
    private final ProjectionHandOver handOver;
    private final boolean supportsReset;
    /**
     * Whether the handlers take an event, by its payload type and message class. Axon's adapter answers by walking
     * every handler's parameters for each event; for these projections the answer depends on nothing else (no
     * handler requires a metadata value), and a replay asks it for every event and projection.
     */
    private final Map<List<Class<?>>, Boolean> handles = new ConcurrentHashMap<>();

    IsolatingEventHandler(EventMessageHandler handlers, String processingGroup, String processor,
                          PoisonIsolation isolation, ProjectionHandOver handOver) {
        this.handlers = handlers;
        this.processingGroup = processingGroup;
        this.processor = processor;
        this.isolation = isolation;
        this.handOver = handOver;
        this.supportsReset = handlers.supportsReset();
    }

    String processingGroup() {
        return processingGroup;
    }

    /** An Error a handler raises is an exception here ({@link WorkerError}): Axon parks the event as for any other. */
    @Override
    public Object handle(EventMessage<?> event) throws Exception {
        return WorkerError.guardCall(() -> isolated(event));
    }

    private Object isolated(EventMessage<?> event) throws Exception {
        if (PoisonIsolation.retryingLetter()) {
            return isolation.alone(false, () -> handlers.handle(event));
        }
        if (!isolation.batchIsolated(processor) || !takes(event)) {
            return handlers.handle(event);
        }
        return isolation.alone(true, () -> handlers.handle(event));
    }

    /**
     * Not an event this projection had before its tokens were handed over to the processor now reading it
     * ({@link ProjectionHandOver}): asked before Axon's dead-letter invoker looks at the projection's queue, so such
     * an event is neither handled nor parked again. A dead letter being retried is always handled.
     */
    @Override
    public boolean canHandle(EventMessage<?> message) {
        return takes(message) && (PoisonIsolation.retryingLetter() || !handOver.had(processingGroup, message));
    }

    private boolean takes(EventMessage<?> message) {
        return handles.computeIfAbsent(List.of(message.getPayloadType(), message.getClass()),
                types -> handlers.canHandle(message));
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return handlers.canHandleType(payloadType);
    }

    @Override
    public Class<?> getTargetType() {
        return handlers.getTargetType();
    }

    @Override
    public void prepareReset() {
        handlers.prepareReset();
    }

    @Override
    public <R> void prepareReset(R resetContext) {
        handlers.prepareReset(resetContext);
    }

    @Override
    public boolean supportsReset() {
        return supportsReset;
    }
}
