package cn.moralbank.points.ledger.api;

/** The account was merged into another household's and takes no more entries. */
public record AccountClosed(HouseholdId householdId, EntryId entryId, HouseholdId mergedInto, String reason) {
}
