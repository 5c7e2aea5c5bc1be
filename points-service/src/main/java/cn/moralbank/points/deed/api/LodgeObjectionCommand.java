package cn.moralbank.points.deed.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A villager's objection (异议) to a posted deed, with the reason; heard only during the objection period. */
public record LodgeObjectionCommand(@TargetAggregateIdentifier DeedId deedId, String objector, String reason,
                                    Instant lodgedAt) {
}
