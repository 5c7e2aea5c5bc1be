package cn.moralbank.points.infra.axon;

import cn.moralbank.points.common.ViewsCatchUp;
import io.micronaut.http.context.ServerRequestContext;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;

/**
 * Collects, for the HTTP request being served, the events its commands commit (under
 * {@link ViewsCatchUp#WRITTEN}, a queue the web layer puts there), so its answer can wait for the projections
 * ({@link ProjectionProgress}). Events committed outside a request, or on the command-retry thread, are not
 * collected: nothing waits for them.
 */
final class WrittenEvents implements MessageDispatchInterceptor<EventMessage<?>> {

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Optional<ConcurrentLinkedQueue<DomainEventMessage<?>>> written = collector();
        if (written.isPresent() && CurrentUnitOfWork.isStarted()) {
            List<DomainEventMessage<?>> events = messages.stream()
                    .filter(DomainEventMessage.class::isInstance)
                    .<DomainEventMessage<?>>map(m -> (DomainEventMessage<?>) m)
                    .toList();
            CurrentUnitOfWork.get().root().afterCommit(u -> written.get().addAll(events));
        }
        return (index, message) -> message;
    }

    @SuppressWarnings("unchecked")
    private static Optional<ConcurrentLinkedQueue<DomainEventMessage<?>>> collector() {
        return ServerRequestContext.currentRequest()
                .flatMap(request -> request.getAttribute(ViewsCatchUp.WRITTEN))
                .filter(ConcurrentLinkedQueue.class::isInstance)
                .map(queue -> (ConcurrentLinkedQueue<DomainEventMessage<?>>) queue);
    }
}
