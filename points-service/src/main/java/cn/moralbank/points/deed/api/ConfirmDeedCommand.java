package cn.moralbank.points.deed.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Sent by the objection-period process for a posted deed whose period has ended. Safe to send again: answers with a
 * {@link Settlement} saying whether the ledger entry is (still) due.
 */
public record ConfirmDeedCommand(@TargetAggregateIdentifier DeedId deedId, Instant at) {
}
