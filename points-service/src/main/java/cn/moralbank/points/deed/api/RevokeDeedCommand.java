package cn.moralbank.points.deed.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The committee revokes a credited deed found wrong later. Answers with a {@link Settlement} naming the ledger entry
 * to reverse.
 */
public record RevokeDeedCommand(@TargetAggregateIdentifier DeedId deedId, String revokedBy, String reason,
                                Instant revokedAt) {
}
