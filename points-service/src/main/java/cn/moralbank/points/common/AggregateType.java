package cn.moralbank.points.common;

import java.util.Map;

/**
 * Names an event-sourced aggregate class to the infrastructure, so aggregates can stay package-private in their
 * domain package while one factory wires them into Axon.
 */
public interface AggregateType {
    Class<?> aggregateClass();

    /**
     * What the aggregate's command handlers are given besides the command, by the type of their parameter (Axon
     * resolves a handler's further parameters from these): e.g. a lookup the aggregate does not hold in its state.
     */
    default Map<Class<?>, Object> handlerResources() {
        return Map.of();
    }
}
