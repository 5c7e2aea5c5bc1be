package cn.moralbank.points.common;

/**
 * Marks a bean whose {@code @EventHandler} methods build a read model. The infrastructure registers every such bean
 * with a streaming event processor named by its {@code @ProcessingGroup}.
 */
public interface Projection {
}
