package cn.moralbank.points.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Credits points for a confirmed deed (source names it) or an adjustment, with the reason shown on the passbook. */
public record CreditCommand(@TargetAggregateIdentifier HouseholdId householdId, EntryId entryId, long points,
                            String source, String reason) {
    /** Points that one entry may move, checked by the value type when the command is made. */
    public CreditCommand {
        Points.requireValid(points);
    }
}
