package cn.moralbank.points.deed.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Closes a session; answers with its agenda, so the deeds it left undecided can go back to the queue. */
public record CloseReviewSessionCommand(@TargetAggregateIdentifier ReviewSessionId sessionId, String closedBy,
                                        Instant closedAt) {
}
