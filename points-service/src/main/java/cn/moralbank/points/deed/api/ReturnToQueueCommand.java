package cn.moralbank.points.deed.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A closing session sends back what it left undecided; a deed decided or on another agenda is left alone. */
public record ReturnToQueueCommand(@TargetAggregateIdentifier DeedId deedId, ReviewSessionId sessionId) {
}
