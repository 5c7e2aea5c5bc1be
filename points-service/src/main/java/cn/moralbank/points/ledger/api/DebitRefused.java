package cn.moralbank.points.ledger.api;

/** A debit the account could not cover: recorded, never applied. */
public record DebitRefused(HouseholdId householdId, EntryId entryId, long points, String source, long balance) {
}
