package cn.moralbank.points.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Books the balance a household's paper passbook (纸质存折) held on go-live, as its account's first entry (期初积分).
 * The entry id is derived by the caller from the household and the paper passbook's number, so the same import twice
 * books it once. Refused once the account has live entries: a wrong opening balance is reversed first.
 */
public record CarryOverBalanceCommand(@TargetAggregateIdentifier HouseholdId householdId, EntryId entryId, long points,
                                      String passbookNumber, LocalDate asOf, String reason) {
    /** Points that one entry may move, checked by the value type when the command is made. */
    public CarryOverBalanceCommand {
        Points.requireValid(points);
    }
}
