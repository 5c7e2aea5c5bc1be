package cn.moralbank.points.deed.api;

import cn.moralbank.points.ledger.api.EntryId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the ledger booked the confirmed deed under {@code entryId}. A repeat changes nothing. */
public record RecordCreditCommand(@TargetAggregateIdentifier DeedId deedId, EntryId entryId, long balanceAfter) {
}
