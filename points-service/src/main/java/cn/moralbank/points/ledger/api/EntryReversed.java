package cn.moralbank.points.ledger.api;

/** An earlier entry undone by a new one; {@code points} is the signed change to the balance. */
public record EntryReversed(HouseholdId householdId, EntryId reversalId, EntryId originalEntryId,
                            EntryKind originalKind, long points, String reason, long balanceAfter) {
}
