package cn.moralbank.points.common;

/**
 * Names an event-sourced aggregate class to the infrastructure, so aggregates can stay package-private in their
 * domain package while one factory wires them into Axon.
 */
public interface AggregateType {
    Class<?> aggregateClass();
}
